// render_bench: how the cost of painting the runtime view grows with the
// number of tasks. Builds a synthetic RuntimeState with N tasks spread over
// 8 workers (running task, LIFO slot, local queues), the global queue,
// timers, a few locks with waiters, channels with waiting senders and
// receivers, a semaphore and the blocking pool; paints it with paintRuntime
// onto a 1600x1000 image (collecting hit items, as the window does) and
// prints the median frame time per N and its ratio to the N=100 baseline of
// the same run. With --arrows the model also holds a busy run's arrows: as
// many as it keeps (LiveModel::kMaxArrows), steals repeated between a few
// pairs of workers, wakes and spawns. Run by hand (QT_QPA_PLATFORM=offscreen
// works); not a test.
//
//   render_bench [--frames F] [--workers W] [--arrows] [--save DIR]
//                (--save: writes DIR/render-N.png)
#include "live_model.hpp"
#include "runtime_painter.hpp"

#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/trace/state.hpp>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

using namespace asyncscope;
using asyncscope::core::LiveModel;
using trace::TaskPhase;

namespace {

// Deterministic: the same N always gives the same picture.
trace::RuntimeState makeState(std::uint32_t n, unsigned workers,
                              std::map<std::uint64_t, QString>& names,
                              std::map<std::uint64_t, std::uint64_t>& caps) {
    trace::RuntimeState s;
    s.time = 1'234'567'890;
    s.tasks.resize(n + 1);
    s.workers.resize(workers);
    constexpr std::uint32_t kLocks = 3, kChannels = 2, kSemaphores = 1;
    std::uint32_t rid = 1;
    for (std::uint32_t i = 0; i < kLocks; ++i, ++rid) {
        trace::LockInfo l;
        l.id = trace::ResourceId(rid);
        l.kind = i == 2 ? LockKind::BlockingMutex : LockKind::AsyncMutex;
        s.locks[l.id] = l;
        names[rid] = QStringLiteral("lock%1").arg(i);
    }
    for (std::uint32_t i = 0; i < kChannels; ++i, ++rid) {
        trace::ChannelInfo c;
        c.id = trace::ResourceId(rid);
        c.capacity = 16;
        c.buffered = 5 + 7 * i;
        s.channels[c.id] = c;
        names[rid] = QStringLiteral("chan%1").arg(i);
        caps[rid] = 16;
    }
    for (std::uint32_t i = 0; i < kSemaphores; ++i, ++rid) {
        trace::SemaphoreInfo m;
        m.id = trace::ResourceId(rid);
        s.semaphores[m.id] = m;
        names[rid] = QStringLiteral("permits%1").arg(i);
    }
    s.blocking.resize(6);
    for (std::size_t i = 0; i < s.blocking.size(); ++i) s.blocking[i].alive = true;

    std::uint32_t lockIdx = 0, chanIdx = 0;
    for (std::uint32_t id = 1; id <= n; ++id) {
        trace::TaskInfo& t = s.tasks[id];
        const trace::TaskId tid(id);
        t.id = tid;
        t.parent = trace::TaskId(id > 1 ? 1 : 0);
        t.polls = id % 17;
        t.spawnedAt = id * 1000ull;
        t.since = s.time - (id % 1000) * 1000ull;
        const unsigned w = id % workers;
        trace::WorkerInfo& wi = s.workers[w];
        // Placement by id, so each N has the same mix.
        if (wi.running == trace::kNoTask) {
            t.phase = TaskPhase::Running;
            t.worker = static_cast<std::uint16_t>(w);
            wi.running = tid;
            wi.polls = 100 + id;
            continue;
        }
        if (wi.lifo == trace::kNoTask) {
            t.phase = TaskPhase::Scheduled;
            t.queue = QueueKind::LifoSlot;
            t.worker = static_cast<std::uint16_t>(w);
            wi.lifo = tid;
            continue;
        }
        if (id > 2 * workers && id <= 2 * workers + s.blocking.size()) {
            // A few tasks wait on blocking-pool jobs.
            auto& bt = s.blocking[id - 2 * workers - 1];
            bt.job = trace::JobId(id);
            bt.awaiting = tid;
            t.phase = TaskPhase::Idle;
            t.waitTarget = trace::WaitTarget::onJob(bt.job);
            continue;
        }
        switch (id % 20) {
        case 0:
        case 1:
        case 2:
        case 3:
        case 4:
        case 5:
        case 6:
        case 7:
        case 8:
        case 9:  // 50%: local queues
            t.phase = TaskPhase::Scheduled;
            t.queue = QueueKind::Local;
            t.worker = static_cast<std::uint16_t>(w);
            wi.local.push_back(tid);
            break;
        case 10:
        case 11:
        case 12:  // 15%: global queue
            t.phase = TaskPhase::Scheduled;
            t.queue = QueueKind::Global;
            s.global.push_back(tid);
            break;
        case 13:
        case 14:
        case 15:  // 15%: timers
            t.phase = TaskPhase::Idle;
            t.waitTarget = trace::WaitTarget::onTimer();
            t.timers = 1;
            s.timers.emplace(s.time + (id * 7919ull) % 500'000'000ull, tid);
            break;
        case 16: {  // 5%: lock holders / waiters
            trace::LockInfo& l = s.locks[trace::ResourceId(1 + lockIdx++ % kLocks)];
            t.phase = TaskPhase::Idle;
            t.waitTarget = trace::WaitTarget::onResource(trace::WaitKind::Mutex, l.id);
            if (l.holder == trace::kNoTask)
                l.holder = tid;
            else
                l.waiters.push_back(tid);
            break;
        }
        case 17: {  // 5%: channel waiters
            trace::ChannelInfo& c =
                s.channels[trace::ResourceId(1 + kLocks + chanIdx++ % kChannels)];
            t.phase = TaskPhase::Idle;
            t.waitTarget = trace::WaitTarget::onResource(trace::WaitKind::Channel, c.id);
            if (id % 40 < 20)
                c.waitingReceivers.push_back(tid);
            else
                c.waitingSenders.push_back(tid);
            break;
        }
        case 18: {  // semaphore holders and waiters
            trace::SemaphoreInfo& m = s.semaphores[trace::ResourceId(1 + kLocks + kChannels)];
            t.phase = TaskPhase::Idle;
            t.waitTarget = trace::WaitTarget::onResource(trace::WaitKind::Semaphore, m.id);
            if (m.holders.size() < 3)
                m.holders[tid] = 1;
            else
                m.waiters.push_back(tid);
            break;
        }
        default:  // idle, waiting on something not drawn (notify, join)
            t.phase = TaskPhase::Idle;
            t.waitTarget = trace::WaitTarget::onTask(trace::TaskId(1));
            break;
        }
    }
    s.spawned = n;
    s.polls = 0;
    for (const auto& t : s.tasks) s.polls += t.polls;
    s.steals = 42;
    return s;
}

// The recent records of a busy run, as the live feed hands them to the model:
// a third steals (between three pairs of workers, so they repeat), a third
// wakes of the tasks in the LIFO slots, a third spawns of the running tasks.
std::vector<trace::Record> busyRecords(const trace::RuntimeState& s, std::size_t count) {
    const auto nw = static_cast<std::uint32_t>(s.workers.size());
    std::vector<trace::Record> out;
    for (std::uint32_t i = 0; i < count; ++i) {
        trace::Record r;
        r.time = s.time;
        const std::uint32_t w = i % nw;
        switch (i % 3) {
        case 0:
            r.kind = EventKind::Steal;
            r.arg = (i / 3) % 3;
            r.worker = static_cast<std::uint16_t>((r.arg + 1) % nw);
            r.arg2 = 1 + i % 4;
            r.task = s.workers[r.worker].running.value();
            break;
        case 1:
            r.kind = EventKind::Wake;
            r.task = s.workers[w].lifo.value();
            r.sub = static_cast<std::uint8_t>(i % 2 ? WakeSource::Timer : WakeSource::Channel);
            break;
        default:
            r.kind = EventKind::Spawn;
            r.task = s.workers[w].running.value();
            r.arg = 1;
            break;
        }
        out.push_back(r);
    }
    return out;
}

struct Result {
    std::uint32_t n = 0;
    double medianMs = 0, minMs = 0;
    std::size_t hits = 0;
};

Result measure(std::uint32_t n, unsigned workers, int frames, bool arrows, const QString& saveDir) {
    std::map<std::uint64_t, QString> names;
    std::map<std::uint64_t, std::uint64_t> caps;
    LiveModel model;
    trace::RuntimeState st = makeState(n, workers, names, caps);
    model.setResourceNames(std::move(names), std::move(caps));
    model.setState(st);
    if (arrows) {
        // Born at wall time 0 and painted at 0.2 s: bright and travelling.
        scenario::RunSnapshot snap;
        snap.state = std::make_shared<const trace::RuntimeState>(st);
        model.update(snap, busyRecords(st, LiveModel::kMaxArrows), 0.0);
    }

    core::PaintOptions o;
    o.title = QStringLiteral("render_bench");
    o.selected = n / 2;
    o.highlighted = {1, n / 3, n / 2};
    o.stepOf = [](std::uint32_t task) { return QStringLiteral("S%1 compute 1ms").arg(task % 5); };
    o.wallNow = 0.2;

    QImage img(1600, 1000, QImage::Format_ARGB32_Premultiplied);
    const QRectF area(0, 0, img.width(), img.height());
    std::vector<core::HitItem> hits;
    auto frame = [&] {
        img.fill(Qt::white);
        QPainter p(&img);
        core::paintRuntime(p, area, model, o, &hits);
    };
    for (int i = 0; i < 5; ++i) frame();  // warm up: fonts, glyph caches
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(frames));
    QElapsedTimer t;
    for (int i = 0; i < frames; ++i) {
        t.start();
        frame();
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    if (!saveDir.isEmpty()) img.save(QStringLiteral("%1/render-%2.png").arg(saveDir).arg(n));
    std::sort(ms.begin(), ms.end());
    Result r;
    r.n = n;
    r.medianMs = ms[ms.size() / 2];
    r.minMs = ms.front();
    r.hits = hits.size();
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int frames = 60;
    unsigned workers = 8;
    bool arrows = false;
    QString saveDir;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--arrows"))
            arrows = true;
        else if (i + 1 == argc)
            break;
        else if (!std::strcmp(argv[i], "--frames"))
            frames = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--save"))
            saveDir = QString::fromLocal8Bit(argv[++i]);
        else if (!std::strcmp(argv[i], "--workers"))
            workers = static_cast<unsigned>(std::clamp(std::atoi(argv[++i]), 1, 64));
    }
    std::printf("render_bench: paintRuntime onto 1600x1000, %u workers, %s, median of %d frames\n",
                workers, arrows ? "a busy run's arrows" : "no arrows", frames);
    const std::uint32_t sizes[] = {100, 1000, 10000};
    double base = 0;
    for (std::uint32_t n : sizes) {
        const Result r = measure(n, workers, frames, arrows, saveDir);
        if (n == sizes[0]) base = r.medianMs;
        std::printf("N=%-6u median %7.2f ms  min %7.2f ms  ratio %5.2fx  (%zu hit items)\n", r.n,
                    r.medianMs, r.minMs, base > 0 ? r.medianMs / base : 0.0, r.hits);
        std::fflush(stdout);
    }
    return 0;
}
