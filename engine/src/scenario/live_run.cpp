// LiveRun: see the design note in live_run.hpp.
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <chrono>

namespace asyncscope::scenario {

namespace {

// How often the driver looks at the run, and how often it publishes.
constexpr auto kDriveInterval = std::chrono::milliseconds(2);
constexpr auto kPublishInterval = std::chrono::milliseconds(16);

void flattenSteps(const std::vector<Step>& steps, std::vector<std::string>& out) {
    for (const Step& s : steps) {
        if (s.index < out.size()) out[s.index] = describeStep(s);
        flattenSteps(s.body, out);
        for (const auto& b : s.branches) flattenSteps(b, out);
    }
}

}  // namespace

std::string describeStep(const Step& s) {
    std::string out(toString(s.kind));
    if (!s.label.empty()) return out + " (" + s.label + ")";
    if (s.duration.count() > 0) out += " " + formatDuration(s.duration.count());
    if (!s.name.empty() &&
        (s.kind == StepKind::Spawn || s.kind == StepKind::Join || s.kind == StepKind::Cancel))
        out += " " + s.name;
    return out;
}

std::string RunTables::stepLabel(std::uint32_t templ, std::uint32_t point) const {
    if (templ >= awaitPoints.size()) return {};
    const auto& points = awaitPoints[templ];
    if (point >= points.size() || points[point].empty()) return {};
    return "S" + std::to_string(point) + " " + points[point];
}

const RunResource* RunTables::resource(std::uint64_t id) const noexcept {
    for (const RunResource& r : resources)
        if (r.id == id) return &r;
    return nullptr;
}

namespace {
// The instant a run ended at: for a run found stuck, deadlocked or out of
// time, before the shutdown that followed cancelled what was left.
// Whether a run ended in its recording's final state. One found stuck,
// deadlocked or out of time ended at an instant before its shutdown.
bool endsInFinalState(RunEnd end) {
    return end != RunEnd::Deadlock && end != RunEnd::Stuck && end != RunEnd::TimedOut;
}

trace::RuntimeState stateAtEnd(const RecordedRun& run) {
    if (!endsInFinalState(run.result.end)) {
        trace::Timeline timeline = run.timeline();
        // Up to the mark of the run's end (the shutdown follows it), else
        // up to its instant.
        for (std::size_t i = run.trace.size(); i-- > 0;)
            if (run.trace.at(i).kind == EventKind::RunEnd) return timeline.seekIndex(i + 1);
        return timeline.seekTime(static_cast<std::uint64_t>(run.result.elapsed.count()));
    }
    return run.keyframes.final ? *run.keyframes.final : trace::RuntimeState{};
}
}  // namespace

RecordedRun recordedRunOf(trace::Trace trace) {
    RecordedRun run;
    run.trace = std::move(trace);
    const trace::TraceInfo& info = run.trace.info();
    run.result.end = RunEnd::Stopped;
    for (RunEnd e :
         {RunEnd::Completed, RunEnd::Stuck, RunEnd::Deadlock, RunEnd::TimedOut, RunEnd::Stopped})
        if (info.runEnd == toString(e)) run.result.end = e;
    run.result.elapsed = Duration(
        static_cast<std::int64_t>(info.runEnd.empty() ? run.trace.endTime() : info.endTime));
    run.result.detail = info.runEnd.empty() ? "a recording" : "as recorded";
    if (info.truncated) {
        trace::RecorderStatus st;
        st.stopped = true;
        st.stoppedAtEvent = info.truncatedAtEvent;
        st.stoppedAtTime = info.truncatedAtTime;
        run.recorderNote = st.message();
    }
    trace::RecordingAnalysis a = trace::analyseRecording(run.trace);
    run.findings = std::move(a.findings);
    run.keyframes = std::move(a.keyframes);
    run.counters = std::move(a.counters);
    run.finalState = stateAtEnd(run);
    return run;
}

RunTables tablesOf(const trace::TraceInfo& info) {
    RunTables t;
    t.templateNames = info.templates;
    t.awaitPoints = info.awaitPoints;
    for (const trace::RecordedResource& r : info.resources)
        t.resources.push_back({r.name, static_cast<ResourceKind>(r.kind), r.id, r.capacity});
    return t;
}

LiveRun::LiveRun(const Program& program, LiveRunOptions options)
    : m_program(program), m_options(std::move(options)) {
    m_tables.config = effectiveConfig(program, m_options.overrides);
    trace::RecorderOptions ro;
    ro.memoryCapBytes = m_options.memoryCapBytes;
    m_recorder = std::make_unique<trace::Recorder>(ro);
    m_recorder->describe(m_tables.config, m_options.title);
    m_interpreter = std::make_unique<Interpreter>(program, m_options.overrides, m_recorder.get());
    m_tables.config = m_interpreter->runtime().config();
    m_recorder->setCommitWatch([this](const trace::Trace& t, std::size_t first, std::size_t end) {
        watch(t, first, end);
    });

    for (const Template& t : program.templates) {
        m_tables.templateNames.push_back(t.name);
        std::vector<std::string> points(t.awaitPoints);
        flattenSteps(t.steps, points);
        m_tables.awaitPoints.push_back(std::move(points));
    }
    for (const Interpreter::ResourceId& r : m_interpreter->resourceIds()) {
        std::uint64_t capacity = 0;
        if (r.kind == ResourceKind::Oneshot)
            capacity = 1;
        else if (r.kind == ResourceKind::Channel || r.kind == ResourceKind::Semaphore)
            capacity = r.capacity;
        m_tables.resources.push_back({r.name, r.kind, r.id, capacity});
    }
    // The recording describes itself: it can be shown without the scenario.
    trace::TraceInfo info = m_recorder->trace().info();
    info.templates = m_tables.templateNames;
    info.awaitPoints = m_tables.awaitPoints;
    for (const RunResource& r : m_tables.resources)
        info.resources.push_back({r.id, r.name, static_cast<std::uint8_t>(r.kind), r.capacity});
    m_recorder->setInfo(std::move(info));
    if (m_options.startPaused) {
        m_interpreter->runtime().pause();
        m_paused.store(true, std::memory_order_relaxed);
    }
    auto first = std::make_shared<RunSnapshot>();
    first->timeScale = m_tables.config.timeScale;
    store(std::move(first));
}

LiveRun::~LiveRun() {
    stop();
    if (m_driver.joinable()) m_driver.join();
    // The interpreter (and its runtime) go before the recorder they report to.
    m_interpreter.reset();
    m_recorder.reset();
}

void LiveRun::start() {
    if (m_started) return;
    m_started = true;
    m_recorder->start();
    m_interpreter->start();
    publish(m_paused.load(std::memory_order_relaxed) ? RunPhase::Paused : RunPhase::Running);
    m_driver = std::thread([this] { drive(); });
}

void LiveRun::pause() {
    std::lock_guard lock(m_controlMutex);
    if (m_ending || m_endHolding) return;
    m_interpreter->runtime().pause();
    m_paused.store(true, std::memory_order_relaxed);
}

void LiveRun::resume() {
    std::lock_guard lock(m_controlMutex);
    m_heldAfter.reset();
    if (m_ending || m_endHolding) return;
    m_interpreter->runtime().resume();
    m_paused.store(false, std::memory_order_relaxed);
}

void LiveRun::step(unsigned polls) {
    std::lock_guard lock(m_controlMutex);
    m_heldAfter.reset();
    if (m_ending || m_endHolding || !m_paused.load(std::memory_order_relaxed)) return;
    m_interpreter->runtime().step(polls);
}

void LiveRun::stop() {
    m_interpreter->stop();  // an atomic flag: the driver ends the run
    releaseEnd();
}

void LiveRun::setTimeScale(double scale) {
    std::lock_guard lock(m_controlMutex);
    if (m_ending || m_endHolding) return;
    m_interpreter->runtime().setTimeScale(scale);
}

std::shared_ptr<const RunSnapshot> LiveRun::snapshot() const {
    std::lock_guard lock(m_snapshotMutex);
    return m_snapshot;
}

std::size_t LiveRun::takeRecent(std::vector<trace::Record>& out, std::size_t max) {
    return m_recorder->takeLive(out, max);
}

void LiveRun::setHoldConditions(std::vector<trace::Breakpoint> conditions) {
    std::lock_guard lock(m_holdMutex);
    m_holdConditions = std::move(conditions);
    m_holdsChanged = true;
    bool any = false;
    for (const trace::Breakpoint& b : m_holdConditions) any = any || b.enabled;
    m_holdsAny.store(any, std::memory_order_release);
}

std::optional<std::size_t> LiveRun::heldAfter() const {
    std::lock_guard lock(m_controlMutex);
    return m_heldAfter;
}

void LiveRun::watch(const trace::Trace& t, std::size_t first, std::size_t end) {
    {
        std::lock_guard lock(m_holdMutex);
        if (m_holdsChanged) {
            m_holdsChanged = false;
            m_holdMatcher.reset();
            m_holdFindings = false;
            for (const trace::Breakpoint& b : m_holdConditions)
                m_holdFindings =
                    m_holdFindings || (b.enabled && b.kind == trace::BreakKind::Finding);
            if (m_holdsAny.load(std::memory_order_relaxed)) {
                // Only what comes next can hold the run.
                m_holdMatcher = std::make_unique<trace::BreakpointMatcher>(m_holdConditions);
                for (std::size_t i = 0; i < first; ++i)
                    (void)m_holdMatcher->onRecord(t, t.at(i), i);
                if (m_holdFindings)
                    if (const auto f = m_recorder->liveFindings()) {
                        std::vector<trace::Finding> past;  // those this batch made are news
                        for (const trace::Finding& x : *f)
                            if (x.eventIndex < first) past.push_back(x);
                        (void)m_holdMatcher->onFindings(past);
                    }
            }
        }
    }
    if (!m_holdMatcher) return;
    std::optional<std::size_t> hit;
    for (std::size_t i = first; i < end; ++i)  // every record: the matcher sees them all
        if (!m_holdMatcher->onRecord(t, t.at(i), i).empty() && !hit) hit = i;
    if (!hit && m_holdFindings && end > 0)
        if (const auto f = m_recorder->liveFindings(); f && !m_holdMatcher->onFindings(*f).empty())
            hit = end - 1;
    if (!hit) return;
    std::lock_guard lock(m_controlMutex);
    if (m_ending || m_heldAfter) return;
    m_interpreter->runtime().pause();
    m_paused.store(true, std::memory_order_relaxed);
    m_heldAfter = *hit;
}

std::string LiveRun::stringAt(std::uint32_t index) const {
    if (const auto f = finished()) return std::string(f->trace.string(index));
    return m_recorder->stringAt(index);
}

bool LiveRun::tryMirror(trace::Trace& into, trace::Keyframes* keyframes, std::size_t max,
                        trace::CounterTracks* counters) {
    if (ended()) return false;
    return m_recorder->tryMirror(into, keyframes, max, counters);
}

void LiveRun::wait() {
    std::unique_lock lock(m_waitMutex);
    m_waitCv.wait(lock, [&] { return ended(); });
}

bool LiveRun::waitFor(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_waitMutex);
    return m_waitCv.wait_for(lock, timeout, [&] { return ended(); });
}

std::shared_ptr<const RecordedRun> LiveRun::finished() const {
    return ended() ? m_finished : nullptr;
}

RecordedRun LiveRun::takeFinished() {
    if (!ended() || !m_finished) return {};
    RecordedRun out = std::move(*m_finished);
    m_finished.reset();
    return out;
}

void LiveRun::store(std::shared_ptr<const RunSnapshot> s) {
    std::lock_guard lock(m_snapshotMutex);
    m_snapshot.swap(s);
    // The old snapshot, if this was its last owner, is freed after the lock.
}

void LiveRun::publish(RunPhase phase) {
    auto s = std::make_shared<RunSnapshot>();
    s->phase = phase;
    s->now = m_interpreter->runtime().now();
    if (m_options.liveState) {
        s->state = m_recorder->liveState();
        s->findings = m_recorder->liveFindings();
    }
    s->recorder = m_recorder->status();
    s->tasks = m_interpreter->runtime().taskCounts();
    s->timeScale = m_interpreter->runtime().timeScale();
    s->heldAtEnd = m_atEnd.load(std::memory_order_acquire);
    store(std::move(s));
}

void LiveRun::drive() {
    auto lastPublish = std::chrono::steady_clock::now();
    const auto phase = [&] {
        return m_paused.load(std::memory_order_relaxed) ? RunPhase::Paused : RunPhase::Running;
    };
    while (!m_interpreter->poll()) {
        std::this_thread::sleep_for(kDriveInterval);
        const auto now = std::chrono::steady_clock::now();
        if (now - lastPublish >= kPublishInterval) {
            lastPublish = now;
            publish(phase());
        }
    }
    // Held at the end (see atEnd()): once the collector has committed every
    // event (the count stands still over a few collections), until the
    // reader lets go.
    if (m_holdsAny.load(std::memory_order_acquire) &&
        !m_endReleased.load(std::memory_order_acquire)) {
        // Over: nothing more runs (a run out of time would go on), whatever
        // the controls say meanwhile.
        std::lock_guard lock(m_controlMutex);
        m_endHolding = true;
        m_interpreter->runtime().pause();
    }
    std::uint64_t committed = m_recorder->status().events;
    int still = 0;
    while (m_holdsAny.load(std::memory_order_acquire) &&
           !m_endReleased.load(std::memory_order_acquire)) {
        std::this_thread::sleep_for(kDriveInterval * 3);
        const std::uint64_t now = m_recorder->status().events;
        still = now == committed ? still + 1 : 0;
        committed = now;
        if (still >= 3 && !m_atEnd.load(std::memory_order_relaxed)) {
            m_atEnd.store(true, std::memory_order_release);
            publish(phase());  // the reader's last snapshot holds every event
        }
    }
    m_atEnd.store(false, std::memory_order_release);
    finish();
}

void LiveRun::finish() {
    {
        auto s = std::make_shared<RunSnapshot>(*snapshot());
        s->phase = RunPhase::Ending;
        store(std::move(s));
    }
    {
        // From here on the controls leave the runtime alone. A paused
        // runtime could not shut down: let it go.
        std::lock_guard lock(m_controlMutex);
        m_ending = true;
        if (m_interpreter->runtime().paused()) m_interpreter->runtime().resume();
    }
    auto run = std::make_shared<RecordedRun>();
    run->result = m_interpreter->finish();
    m_recorder->stop();
    if (m_recorder->status().stopped) run->recorderNote = m_recorder->status().message();
    std::optional<trace::RecordingAnalysis> analysis = m_recorder->takeAnalysis();
    run->trace = m_recorder->takeTrace();
    run->trace.info().runEnd = std::string(toString(run->result.end));
    run->trace.info().endTime = static_cast<std::uint64_t>(run->result.elapsed.count());
    if (analysis) {
        run->findings = std::move(analysis->findings);
        run->keyframes = std::move(analysis->keyframes);
        run->counters = std::move(analysis->counters);
    }
    // A run that ends stuck, deadlocked or out of time is then shut down,
    // which cancels its tasks. What it ended *as* is the state at that
    // instant (tasks unfinished, locks held): the timeline has it.
    run->finalState = stateAtEnd(*run);

    auto s = std::make_shared<RunSnapshot>();
    s->phase = RunPhase::Ended;
    s->now = run->result.elapsed;
    // The keyframes hold the final state already: share it.
    s->state = endsInFinalState(run->result.end) && run->keyframes.final
                   ? run->keyframes.final
                   : std::make_shared<const trace::RuntimeState>(run->finalState);
    s->recorder = m_recorder->status();
    const RuntimeStats& st = run->result.stats;
    s->tasks = TaskCounts{st.spawned, st.completed, st.cancelled, st.alive};
    s->timeScale = m_interpreter->runtime().timeScale();
    m_finished = std::move(run);
    store(std::move(s));
    {
        std::lock_guard lock(m_waitMutex);
        m_ended.store(true, std::memory_order_release);
    }
    m_waitCv.notify_all();
}

RecordedRun recordRun(const Program& program, const RecordOptions& options) {
    LiveRunOptions lo;
    lo.overrides = options.overrides;
    lo.title = options.title;
    lo.memoryCapBytes = options.memoryCapBytes;
    lo.liveState = false;  // progress needs the counts, not a copy of the state
    LiveRun run(program, lo);
    run.start();
    auto lastProgress = std::chrono::steady_clock::now();
    while (!run.waitFor(std::chrono::milliseconds(20))) {
        if (options.stopFlag && options.stopFlag->load(std::memory_order_relaxed)) run.stop();
        if (options.progress &&
            std::chrono::steady_clock::now() - lastProgress >= std::chrono::milliseconds(100)) {
            lastProgress = std::chrono::steady_clock::now();
            options.progress(*run.snapshot());
        }
    }
    return run.takeFinished();
}

}  // namespace asyncscope::scenario
