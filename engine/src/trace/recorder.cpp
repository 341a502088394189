#include <asyncscope/trace/recorder.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

namespace asyncscope::trace {

struct Recorder::Chunk {
    static constexpr std::uint32_t kCapacity = 4096;
    std::atomic<std::uint32_t> count{0};  // published records (release by the writer)
    std::atomic<Chunk*> next{nullptr};    // set by the writer when it moves on
    std::uint64_t seq[kCapacity];
    Record records[kCapacity];
};

struct Recorder::ThreadBuffer {
    Chunk* writeChunk = nullptr;  // writer only
    Chunk* readChunk = nullptr;   // collector only
    std::uint32_t readPos = 0;    // collector only

    // Writer only: the names this thread interned last. A scenario spawns
    // many tasks of few templates, so most spawns find their name here and
    // take no lock (the string table's lock is shared by every thread and
    // held by the collector while it appends).
    struct Name {
        std::string text;
        std::uint32_t index = kNoString;
    };
    static constexpr std::size_t kNames = 8;
    Name names[kNames];
    std::size_t nextName = 0;
    std::uint64_t namesOf = 0;  // the recording (Recorder::m_traceGeneration) they index

    template <class Intern>
    std::uint32_t intern(std::string_view s, std::uint64_t generation, Intern&& slow) {
        if (generation != namesOf) {
            for (Name& n : names) n.index = kNoString;
            namesOf = generation;
        }
        for (const Name& n : names)
            if (n.index != kNoString && n.text.size() == s.size() &&
                std::memcmp(n.text.data(), s.data(), s.size()) == 0)
                return n.index;
        const std::uint32_t index = slow(s);
        Name& n = names[nextName++ % kNames];
        n.text.assign(s);
        n.index = index;
        return index;
    }
};

namespace {
std::atomic<std::uint64_t> g_nextRecorderId{1};

// A thread rarely writes to more than one recorder; a tiny cache keeps the
// lookup to one compare in the common case.
struct ThreadSlot {
    std::uint64_t recorder = 0;
    Recorder::ThreadBuffer* buffer = nullptr;
};
thread_local ThreadSlot t_slots[4];
thread_local unsigned t_nextSlot = 0;
}  // namespace

std::string RecorderStatus::message() const {
    if (!stopped) return {};
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "Recording stopped at its memory cap after %llu events, at runtime time %.3f ms; "
                  "later events were not recorded.",
                  static_cast<unsigned long long>(stoppedAtEvent), double(stoppedAtTime) / 1e6);
    return buf;
}

Recorder::Recorder(RecorderOptions options)
    : m_options(options),
      m_capEvents(options.memoryCapBytes / Trace::kBytesPerEvent),
      m_useSequence(options.causalSequence),
      m_id(g_nextRecorderId.fetch_add(1, std::memory_order_relaxed)) {}

Recorder::~Recorder() {
    stop();
    for (auto& b : m_buffers) {
        for (Chunk* c = b->readChunk; c;) {
            Chunk* n = c->next.load(std::memory_order_acquire);
            delete c;
            c = n;
        }
    }
    for (Chunk* c : m_pool) delete c;
}

Recorder::Chunk* Recorder::allocChunk() noexcept {
    const std::size_t bytes = sizeof(Chunk);
    if (m_traceBytes.load(std::memory_order_relaxed) +
            m_inFlightBytes.load(std::memory_order_relaxed) + bytes >
        m_options.memoryCapBytes)
        return nullptr;
    m_inFlightBytes.fetch_add(bytes, std::memory_order_relaxed);
    m_chunksTaken.fetch_add(1, std::memory_order_relaxed);
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_pool.empty()) {
            Chunk* c = m_pool.back();
            m_pool.pop_back();
            c->count.store(0, std::memory_order_relaxed);
            c->next.store(nullptr, std::memory_order_relaxed);
            return c;
        }
    }
    return new (std::nothrow) Chunk();
}

std::size_t Recorder::poolLimit() const noexcept {
    // At most an eighth of the cap (and 64 MiB) waits in the pool.
    return std::max<std::size_t>(
        8, std::min<std::size_t>(512, m_options.memoryCapBytes / 8 / sizeof(Chunk)));
}

void Recorder::recycle(Chunk* c) noexcept {
    m_inFlightBytes.fetch_sub(sizeof(Chunk), std::memory_order_relaxed);
    std::lock_guard lock(m_poolMutex);
    if (m_pool.size() < poolLimit())
        m_pool.push_back(c);
    else
        delete c;
}

void Recorder::stockPool() noexcept {
    // As many chunks as the writers took since the last time, written once
    // so their pages are mapped: a writer that needs a chunk then takes one
    // from the pool, and the page faults of new memory happen here, on the
    // collector's thread, not in the middle of an engine thread's event.
    const std::size_t taken = m_chunksTaken.exchange(0, std::memory_order_relaxed);
    std::size_t have = 0;
    {
        std::lock_guard lock(m_poolMutex);
        have = m_pool.size();
    }
    const std::size_t want = std::min(poolLimit(), taken);
    while (have < want) {
        if (m_stopped.load(std::memory_order_relaxed) ||
            m_traceBytes.load(std::memory_order_relaxed) +
                    m_inFlightBytes.load(std::memory_order_relaxed) + (have + 1) * sizeof(Chunk) >
                m_options.memoryCapBytes)
            return;
        Chunk* c = new (std::nothrow) Chunk();
        if (!c) return;
        std::memset(static_cast<void*>(c->seq), 0, sizeof c->seq);
        std::memset(static_cast<void*>(c->records), 0, sizeof c->records);
        std::lock_guard lock(m_poolMutex);
        m_pool.push_back(c);
        have = m_pool.size();
    }
}

Recorder::ThreadBuffer* Recorder::bufferForThisThread() noexcept {
    for (ThreadSlot& s : t_slots)
        if (s.recorder == m_id) return s.buffer;
    Chunk* first = allocChunk();
    if (!first) return nullptr;
    auto buf = std::make_unique<ThreadBuffer>();
    buf->writeChunk = buf->readChunk = first;
    ThreadBuffer* raw = buf.get();
    {
        std::lock_guard lock(m_buffersMutex);
        m_buffers.push_back(std::move(buf));
    }
    t_slots[t_nextSlot++ % 4] = ThreadSlot{m_id, raw};
    return raw;
}

void Recorder::stopRecording(std::uint64_t key) noexcept {
    std::lock_guard lock(m_stopMutex);
    if (key < m_cutKey.load(std::memory_order_relaxed))
        m_cutKey.store(key, std::memory_order_release);
    m_stopped.store(true, std::memory_order_release);
}

std::uint64_t Recorder::takeKey(const Event& e) noexcept {
    return m_useSequence.load(std::memory_order_relaxed)
               ? m_seq.fetch_add(1, std::memory_order_relaxed)
               : e.time;
}

void Recorder::onEvent(const Event& e) noexcept {
    if (m_stopped.load(std::memory_order_relaxed)) [[unlikely]]
        return;
    ThreadBuffer* tb = bufferForThisThread();
    if (!tb) [[unlikely]] {
        stopRecording(takeKey(e));
        return;
    }
    Chunk* c = tb->writeChunk;
    std::uint32_t n = c->count.load(std::memory_order_relaxed);
    if (n == Chunk::kCapacity) [[unlikely]] {
        Chunk* next = allocChunk();
        if (!next) {
            // The cut: this event and every later one are left out, so the
            // recording is exactly the events before it.
            stopRecording(takeKey(e));
            return;
        }
        // Release: the collector that follows `next` sees a fully written chunk.
        c->next.store(next, std::memory_order_release);
        tb->writeChunk = c = next;
        n = 0;
    }
    c->seq[n] = takeKey(e);
    c->records[n] = toRecord(e, [this, tb](std::string_view s) {
        return tb->intern(s, m_traceGeneration.load(std::memory_order_acquire),
                          [this](std::string_view text) {
                              std::lock_guard lock(m_stringsMutex);
                              return m_trace.intern(text);
                          });
    });
    // Release: the record is complete before the collector can see it.
    c->count.store(n + 1, std::memory_order_release);
}

void Recorder::collect(bool final) {
    std::lock_guard collectLock(m_collectMutex);
    {
        std::lock_guard lock(m_buffersMutex);
        m_runs.clear();
        for (auto& b : m_buffers) m_runs.push_back(Run{b.get(), nullptr, 0, nullptr, 0});
    }
    // What each thread has published: its records stay in its chunks, read
    // in place (one copy per record, into the batch below), until merged.
    std::uint64_t maxKey = m_watermark;
    std::size_t active = 0;
    for (Run& r : m_runs) {
        ThreadBuffer* tb = r.buffer;
        r.chunk = tb->readChunk;
        r.pos = tb->readPos;
        Chunk* c = r.chunk;
        std::uint32_t n = c->count.load(std::memory_order_acquire);
        std::uint64_t lastKey = n > 0 ? c->seq[n - 1] + 1 : 0;
        while (n == Chunk::kCapacity) {
            Chunk* next = c->next.load(std::memory_order_acquire);
            if (!next) break;
            c = next;
            n = c->count.load(std::memory_order_acquire);
            if (n > 0) lastKey = c->seq[n - 1] + 1;
        }
        r.end = c;
        r.endCount = n;
        normalise(r);
        if (available(r)) {
            maxKey = std::max(maxKey, lastKey);
            m_runs[active++] = r;
        } else {
            tb->readChunk = r.chunk;
            tb->readPos = r.pos;
        }
    }
    m_runs.resize(active);
    // Merge by key up to the previous round's highest key (or everything
    // when final): a thread may still hold a lower key it has not written.
    const std::uint64_t limit = final ? UINT64_MAX : m_watermark;
    m_batch.clear();
    auto flush = [&] {
        commit(m_batch, m_batch.size());
        m_batch.clear();
    };
    for (;;) {
        std::size_t best = SIZE_MAX;
        std::uint64_t bestKey = limit;
        for (std::size_t i = 0; i < m_runs.size(); ++i) {
            const Run& r = m_runs[i];
            if (!available(r)) continue;
            const std::uint64_t k = r.chunk->seq[r.pos];
            if (k < bestKey) {
                best = i;
                bestKey = k;
            }
        }
        if (best == SIZE_MAX) break;
        Run& r = m_runs[best];
        // The others' smallest head: this run's records below it go as one stretch.
        std::uint64_t bound = limit;
        for (std::size_t i = 0; i < m_runs.size(); ++i)
            if (i != best && available(m_runs[i]))
                bound = std::min(bound, m_runs[i].chunk->seq[m_runs[i].pos]);
        do {
            m_batch.emplace_back(r.chunk->seq[r.pos], r.chunk->records[r.pos]);
            ++r.pos;
            normalise(r);
            if (m_batch.size() == kBatch) flush();
        } while (available(r) && r.chunk->seq[r.pos] < bound);
    }
    flush();
    for (Run& r : m_runs) {
        r.buffer->readChunk = r.chunk;
        r.buffer->readPos = r.pos;
    }
    m_watermark = maxKey;
}

// A run at the end of a full chunk moves to the next one (which its writer
// linked before writing there): the full one is done with, and recycled.
void Recorder::normalise(Run& r) noexcept {
    while (r.pos == Chunk::kCapacity && r.chunk != r.end) {
        Chunk* next = r.chunk->next.load(std::memory_order_acquire);
        recycle(r.chunk);
        r.chunk = next;
        r.pos = 0;
    }
}

bool Recorder::available(const Run& r) noexcept {
    return r.chunk != r.end ? r.pos < Chunk::kCapacity : r.pos < r.endCount;
}

void Recorder::commit(std::vector<std::pair<std::uint64_t, Record>>& items, std::size_t n) {
    // The cap: the recording holds at most m_capEvents events, and once it
    // stopped, exactly the events before the cut (items are in key order).
    const std::size_t room = m_capEvents - std::min(m_capEvents, m_trace.size());
    if (n > room) {
        stopRecording(items[room].first);
        n = room;
    }
    const std::uint64_t cut = m_cutKey.load(std::memory_order_acquire);
    while (n > 0 && items[n - 1].first >= cut) --n;
    if (n == 0) return;
    // Keep the time column sorted (a late record gets the time of its predecessor).
    std::uint64_t last = m_trace.endTime();
    for (std::size_t i = 0; i < n; ++i) {
        Record& r = items[i].second;
        if (r.time < last) r.time = last;
        last = r.time;
    }
    const std::size_t first = m_trace.size();
    {
        std::lock_guard lock(m_stringsMutex);  // intern() may touch the trace's strings
        m_trace.appendBulk(n, [&](std::size_t i) -> const Record& { return items[i].second; });
    }
    m_traceBytes.store(m_trace.size() * Trace::kBytesPerEvent, std::memory_order_relaxed);
    m_committedEnd.store(last, std::memory_order_relaxed);
    if (m_options.liveFeed) {
        Reducer reducer(&m_trace);
        std::lock_guard lock(m_liveMutex);  // liveFindings() reads m_analyser under it
        if (m_options.analyse && !m_analyser)
            m_analyser = std::make_unique<RecordingAnalyser>(m_trace, m_options.detectors,
                                                             m_options.keyframes);
        for (std::size_t i = first; i < m_trace.size(); ++i) {
            const Record r = m_trace.at(i);
            if (m_analyser)
                m_analyser->add(m_live, r, i);
            else
                reducer.apply(m_live, r);
            if (m_liveQueue.size() >= m_options.liveQueueCapacity) {
                m_liveQueue.pop_front();
                ++m_droppedLive;
            }
            m_liveQueue.push_back(r);
        }
    }
    if (m_watch) m_watch(m_trace, first, m_trace.size());
}

void Recorder::collectorMain() {
    std::unique_lock lock(m_threadMutex);
    while (!m_threadStop) {
        m_threadCv.wait_for(lock, m_options.collectInterval, [&] { return m_threadStop; });
        lock.unlock();
        collect(false);
        stockPool();
        lock.lock();
    }
}

void Recorder::start() {
    if (m_thread.joinable()) return;
    m_threadStop = false;
    m_thread = std::thread([this] { collectorMain(); });
}

void Recorder::stop() {
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_threadMutex);
            m_threadStop = true;
        }
        m_threadCv.notify_all();
        m_thread.join();
    }
    collect(true);
    if (m_options.liveFeed) {
        std::lock_guard collectLock(m_collectMutex);
        std::lock_guard lock(m_liveMutex);
        if (m_options.analyse && !m_analysed) {
            m_analysed = true;
            if (!m_analyser)  // nothing was recorded
                m_analyser = std::make_unique<RecordingAnalyser>(m_trace, m_options.detectors,
                                                                 m_options.keyframes);
            m_analysis = std::move(*m_analyser).finish(m_live);
            m_analyser.reset();
        }
        // The analysis keeps the final state: share it rather than copy a
        // state that holds every task of the run once more.
        if (m_analysis && m_analysis->keyframes.final &&
            m_analysis->keyframes.final->applied == m_live.applied)
            m_liveSnapshot = m_analysis->keyframes.final;
        else
            m_liveSnapshot = std::make_shared<const RuntimeState>(m_live);
    }
    std::lock_guard lock(m_stopMutex);
    TraceInfo& info = m_trace.info();
    info.truncated = m_stopped.load(std::memory_order_acquire);
    info.truncatedAtEvent = info.truncated ? m_trace.size() : 0;
    info.truncatedAtTime = info.truncated ? m_trace.endTime() : 0;
    std::lock_guard liveLock(m_liveMutex);
    info.droppedLiveEvents = m_droppedLive;
}

RecorderStatus Recorder::status() const {
    RecorderStatus s;
    s.bytes = m_traceBytes.load(std::memory_order_relaxed) +
              m_inFlightBytes.load(std::memory_order_relaxed);
    s.events = m_traceBytes.load(std::memory_order_relaxed) / Trace::kBytesPerEvent;
    {
        std::lock_guard lock(m_stopMutex);
        s.stopped = m_stopped.load(std::memory_order_acquire);
        // What the recording holds, up to where it stopped (exact after stop()).
        if (s.stopped) {
            s.stoppedAtEvent = s.events;
            s.stoppedAtTime = m_committedEnd.load(std::memory_order_relaxed);
        }
    }
    std::lock_guard lock(m_liveMutex);
    s.droppedLive = m_droppedLive;
    return s;
}

bool Recorder::tryMirror(Trace& into, Keyframes* keyframes, std::size_t max,
                         CounterTracks* counters) {
    std::unique_lock collectLock(m_collectMutex, std::try_to_lock);
    if (!collectLock.owns_lock()) return false;
    // The collector appends to the trace only under m_collectMutex, so its
    // columns hold still; engine threads may still intern strings, so the
    // string table is read under its own lock, briefly.
    {
        std::lock_guard lock(m_stringsMutex);
        if (into.empty() && into.strings().empty()) into.info() = m_trace.info();
        const std::vector<std::string>& strings = m_trace.strings();
        for (std::size_t i = into.strings().size(); i < strings.size(); ++i)
            into.intern(strings[i]);
    }
    const std::size_t from = into.size();
    const std::size_t n = std::min(max, m_trace.size() - std::min(from, m_trace.size()));
    into.appendBulk(n, [&](std::size_t i) { return m_trace.at(from + i); });
    if (keyframes) {
        if (m_analyser) {
            const Keyframes& k = m_analyser->keyframesSoFar();
            keyframes->interval = k.interval;
            keyframes->frames = k.frames;
        } else if (m_analysis) {
            *keyframes = m_analysis->keyframes;
        }
    }
    if (counters) {
        const CounterTracks* sofar = m_analyser   ? &m_analyser->countersSoFar()
                                     : m_analysis ? &m_analysis->counters
                                                  : nullptr;
        if (sofar) {
            mirror(*sofar, *counters);
            // Not beyond the records mirrored (`max` may have cut them short).
            if (into.size() < m_trace.size()) {
                const std::uint64_t end = into.endTime();
                auto cut = [&](CounterTrack& t) {
                    auto& s = t.samples;
                    s.erase(std::upper_bound(
                                s.begin(), s.end(), end,
                                [](std::uint64_t v, const CounterSample& x) { return v < x.time; }),
                            s.end());
                };
                cut(counters->global);
                for (CounterTrack& l : counters->local) cut(l);
                cut(counters->lockWaiters);
                cut(counters->semaphoreWaiters);
            }
        }
    }
    return true;
}

std::string Recorder::stringAt(std::uint32_t index) const {
    std::lock_guard lock(m_stringsMutex);
    return std::string(m_trace.string(index));
}

std::shared_ptr<const RuntimeState> Recorder::liveState() const {
    std::lock_guard lock(m_liveMutex);
    // Copied when asked for and out of date, not as records come in: the
    // state grows with the run, and nobody may be looking.
    if (m_live.applied > 0 && (!m_liveSnapshot || m_liveSnapshot->applied != m_live.applied))
        m_liveSnapshot = std::make_shared<const RuntimeState>(m_live);
    return m_liveSnapshot;
}

std::shared_ptr<const std::vector<Finding>> Recorder::liveFindings() const {
    std::lock_guard lock(m_liveMutex);
    if (!m_analyser) return nullptr;
    if (!m_liveFindings || m_liveFindingsApplied != m_live.applied) {
        std::vector<Finding> now = m_analyser->findingsSoFar(m_live, m_live.time);
        // A new object only when something a reader shows changed.
        const auto same = [](const Finding& a, const Finding& b) {
            return a.kind == b.kind && a.time == b.time && a.eventIndex == b.eventIndex &&
                   a.count == b.count && a.durationNs == b.durationNs && a.tasks == b.tasks &&
                   a.threads == b.threads && a.resources == b.resources && a.what.en == b.what.en;
        };
        if (!m_liveFindings || !std::equal(now.begin(), now.end(), m_liveFindings->begin(),
                                           m_liveFindings->end(), same))
            m_liveFindings = std::make_shared<const std::vector<Finding>>(std::move(now));
        m_liveFindingsApplied = m_live.applied;
    }
    return m_liveFindings;
}

std::size_t Recorder::takeLive(std::vector<Record>& out, std::size_t max) {
    std::lock_guard lock(m_liveMutex);
    std::size_t n = std::min(max, m_liveQueue.size());
    out.insert(out.end(), m_liveQueue.begin(),
               m_liveQueue.begin() + static_cast<std::ptrdiff_t>(n));
    m_liveQueue.erase(m_liveQueue.begin(), m_liveQueue.begin() + static_cast<std::ptrdiff_t>(n));
    return n;
}

RecordingAnalyser::RecordingAnalyser(const Trace& trace, const DetectorOptions& detectors,
                                     const KeyframeOptions& keyframes)
    : m_reducer(&trace), m_detectors(trace, detectors), m_keyframes(keyframes) {}

void RecordingAnalyser::add(RuntimeState& state, const Record& r, std::size_t index) {
    m_counters.before(state, r);
    m_reducer.apply(state, r);
    m_counters.after(state, r);
    m_detectors.onEvent(state, r, index);
    m_keyframes.after(state);
}

RecordingAnalysis RecordingAnalyser::finish(const RuntimeState& finalState) && {
    RecordingAnalysis a;
    a.findings = m_detectors.finish(finalState);
    a.keyframes = std::move(m_keyframes).finish(finalState);
    a.counters = std::move(m_counters).finish();
    return a;
}

RecordingAnalysis analyseRecording(const Trace& trace, const DetectorOptions& detectors,
                                   const KeyframeOptions& keyframes) {
    RecordingAnalyser analyser(trace, detectors, keyframes);
    RuntimeState state;
    for (std::size_t i = 0; i < trace.size(); ++i) analyser.add(state, trace.at(i), i);
    return std::move(analyser).finish(state);
}

std::optional<RecordingAnalysis> Recorder::takeAnalysis() {
    std::lock_guard lock(m_collectMutex);
    return std::exchange(m_analysis, std::nullopt);
}

Trace Recorder::takeTrace() {
    std::lock_guard lock(m_collectMutex);
    Trace t = std::move(m_trace);
    {
        // The threads' cached names index the old string table.
        std::lock_guard strings(m_stringsMutex);
        m_trace = Trace();
        m_traceGeneration.fetch_add(1, std::memory_order_release);
    }
    return t;
}

void Recorder::describe(const RuntimeConfig& config, std::string title) {
    std::lock_guard lock(m_collectMutex);
    TraceInfo& info = m_trace.info();
    info.workers = resolvedWorkers(config);
    info.blockOnThread = config.blockOnThread && config.flavor == Flavor::MultiThread;
    // Under the virtual clock the simulated machine's (0: a core for every
    // thread), under the real one the host's.
    info.cores = config.clock == ClockKind::Virtual ? config.cores : hostCores();
    info.flavor = config.flavor == Flavor::CurrentThread ? "current_thread" : "multi_thread";
    info.clock = config.clock == ClockKind::Virtual ? "virtual" : "real";
    info.timeScale = config.timeScale;
    info.title = std::move(title);
    m_useSequence.store(config.clock == ClockKind::Virtual, std::memory_order_relaxed);
}

void Recorder::setInfo(TraceInfo info) {
    std::lock_guard lock(m_collectMutex);
    m_trace.info() = std::move(info);
}

}  // namespace asyncscope::trace
