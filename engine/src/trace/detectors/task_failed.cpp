// TaskFailed: a task ended with an error -- a scenario's `fail` step, or a
// misuse the interpreter refused (an unlock of a mutex the task does not
// hold, a second send on a oneshot, ...). The finding carries the message;
// tasks of one name failing with one message share a finding that counts
// them, so a thousand failing workers are one line.
#include "trace/detectors/detectors_impl.hpp"

#include <algorithm>

namespace asyncscope::trace {

using namespace detect;

void Detectors::Impl::onTaskFailed(const RuntimeState& s, const Record& r, std::size_t index) {
    const TaskInfo* t = s.task(TaskId(r.task));
    const std::uint64_t nameIdx = groupKey(t);
    // "w#3: unlock of ..." and "w#4: unlock of ..." are one error of tasks
    // named 'w': the task's own name in front is left out.
    std::string message = r.arg2 == kNoString ? std::string() : std::string(trace.string(r.arg2));
    const std::string own = trace.taskName(r.task) + ": ";
    if (message.rfind(own, 0) == 0) message.erase(0, own.size());
    Aggregate& agg = failedAgg[{nameIdx, message}];
    const std::uint64_t lived = t && r.time >= t->spawnedAt ? r.time - t->spawnedAt : 0;
    agg.add(r.task, lived);
    if (agg.serial) {
        if (Finding* f = get(agg.serial)) {
            listTask(f->tasks, r.task);
            f->count = agg.count;
            failedText(*f, agg, nameIdx, message);
        }
        return;
    }
    Finding f;
    f.kind = FindingKind::TaskFailed;
    f.time = r.time;
    f.eventIndex = index;
    f.tasks = {r.task};
    if (r.onWorker()) f.threads = {r.worker};
    f.count = 1;
    failedText(f, agg, nameIdx, message);
    agg.serial = add(std::move(f));
}

void Detectors::Impl::failedText(Finding& f, const Aggregate& agg, std::uint64_t nameIdx,
                                 const std::string& message) const {
    const std::string msg = message.empty() ? std::string("(no message)") : message;
    const std::string msgZh = message.empty() ? std::string("（没有消息）") : message;
    const std::uint32_t first = f.tasks.empty() ? 0 : f.tasks.front();
    if (agg.count <= 1) {
        f.title = {"Task failed: " + task(first, false) + ": " + msg,
                   "任务失败：" + task(first, true) + "：" + msgZh};
        f.what = {upperFirst(task(first, false)) + " ended with an error at " + at(f.time, false) +
                      ": " + msg + ".",
                  task(first, true) + " 在 " + at(f.time, true) + " 以错误结束：" + msgZh + "。"};
    } else {
        const std::string n = std::to_string(agg.count);
        f.title = {"Task failed: " + n + " tasks " + group(nameIdx, false) + ": " + msg,
                   "任务失败：" + n + " 个" + group(nameIdx, true) + "任务：" + msgZh};
        f.what = {n + " tasks " + group(nameIdx, false) + " (" + list(f.tasks, agg.count, false) +
                      ") ended with the same error, the first at " + at(f.time, false) + ": " +
                      msg + ".",
                  n + " 个" + group(nameIdx, true) + "任务（" + list(f.tasks, agg.count, true) +
                      "）以同样的错误结束，第一次在 " + at(f.time, true) + "：" + msgZh + "。"};
    }
    f.why = {
        "A task that returns an error (or panics) ends there: the rest of its steps never "
        "run, and whatever it held is released as its guards are dropped. The error reaches "
        "only whoever awaits its JoinHandle; a detached task's error is seen by nobody.",
        "返回错误（或 panic）的任务就此结束：后面的步骤不再执行，它持有的东西随着守卫被 drop "
        "而释放。错误只会交给 await 它 JoinHandle 的一方；被分离的任务出错时没有人会看到。"};
    f.fix = {
        "If the failure is the lesson's point, nothing: an expectation can say the task ends "
        "in \"error\". Otherwise fix the step the message names, and await the task's "
        "handle (or a JoinSet) so that its error is handled.",
        "如果失败正是这个课程要演示的，就不用改：可以用期望声明该任务以 \"error\" "
        "结束。否则请修正消息所指的步骤，并 await 该任务的句柄（或使用 JoinSet），"
        "让它的错误得到处理。"};
}

}  // namespace asyncscope::trace
