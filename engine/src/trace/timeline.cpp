#include <asyncscope/trace/timeline.hpp>

#include <algorithm>

namespace asyncscope::trace {

namespace {
constexpr std::size_t kDenseStep = 256;
constexpr std::size_t kDenseMax = 64;
}  // namespace

KeyframeBuilder::KeyframeBuilder(KeyframeOptions options) : m_options(options) {
    m_out.interval = std::max<std::size_t>(1, m_options.minInterval);
    RuntimeState empty;
    m_used = estimateBytes(empty);
    m_out.frames.push_back(std::make_shared<const RuntimeState>(std::move(empty)));
}

std::size_t KeyframeBuilder::estimateBytes(const RuntimeState& s) noexcept {
    std::size_t n = sizeof(RuntimeState) + s.tasks.size() * sizeof(TaskInfo) + s.global.size() * 4 +
                    s.timers.size() * 48 + s.locks.size() * 128 + s.channels.size() * 128;
    for (const auto& w : s.workers) n += sizeof(WorkerInfo) + w.local.size() * 4;
    return n;
}

void KeyframeBuilder::after(const RuntimeState& s) {
    if (s.applied == 0 || s.applied % m_out.interval != 0) return;
    const std::size_t bytes = estimateBytes(s);
    while (m_out.interval < m_options.maxInterval &&
           m_used + bytes > m_options.keyframeBudgetBytes) {
        // Thin out: keep every other keyframe and double the interval.
        std::vector<std::shared_ptr<const RuntimeState>> kept;
        for (std::size_t k = 0; k < m_out.frames.size(); k += 2) kept.push_back(m_out.frames[k]);
        m_out.frames.swap(kept);
        m_out.interval *= 2;
        m_used = 0;
        for (const auto& k : m_out.frames) m_used += estimateBytes(*k);
    }
    if (s.applied % m_out.interval != 0) return;
    m_out.frames.push_back(std::make_shared<const RuntimeState>(s));
    m_used += bytes;
}

Keyframes KeyframeBuilder::finish(RuntimeState finalState) && {
    m_out.final = std::make_shared<const RuntimeState>(std::move(finalState));
    return std::move(m_out);
}

Timeline::Timeline(const Trace& trace) : Timeline(trace, Options{}) {}

Timeline::Timeline(const Trace& trace, Options options)
    : m_trace(trace), m_options(options), m_reducer(&trace) {
    build();
}

Timeline::Timeline(const Trace& trace, Keyframes keyframes) : m_trace(trace), m_reducer(&trace) {
    m_interval = keyframes.interval;
    m_keyframes = std::move(keyframes.frames);
    m_final = std::move(keyframes.final);
    m_state = *m_keyframes.front();
}

void Timeline::adoptKeyframes(const Keyframes& keyframes) {
    if (keyframes.frames.empty()) return;
    m_interval = keyframes.interval;
    m_keyframes = keyframes.frames;
    if (keyframes.final) m_final = keyframes.final;
}

void Timeline::build() {
    // One pass over the trace (a recording loaded from a file).
    KeyframeBuilder builder(m_options);
    RuntimeState s;
    for (std::size_t i = 0; i < m_trace.size(); ++i) {
        m_reducer.apply(s, m_trace.at(i));
        builder.after(s);
    }
    Keyframes k = std::move(builder).finish(std::move(s));
    m_interval = k.interval;
    m_keyframes = std::move(k.frames);
    m_final = std::move(k.final);
    m_state = *m_keyframes.front();
}

void Timeline::replayTo(std::size_t index) {
    index = std::min(index, m_trace.size());
    if (index == m_state.applied) return;
    if (index > m_state.applied && index - m_state.applied <= m_interval) {
        for (std::size_t i = m_state.applied; i < index; ++i)
            m_reducer.apply(m_state, m_trace.at(i));
        return;
    }
    // Start from the closest checkpoint at or before `index`.
    std::size_t k = std::min(index / m_interval, m_keyframes.size() - 1);
    const RuntimeState* base = m_keyframes[k].get();
    auto dense = m_dense.upper_bound(index);
    if (dense != m_dense.begin()) {
        --dense;
        if (dense->first >= base->applied) base = dense->second.get();
    }
    if (!(m_state.applied <= index && m_state.applied >= base->applied)) m_state = *base;
    for (std::size_t i = m_state.applied; i < index; ++i) m_reducer.apply(m_state, m_trace.at(i));
}

const RuntimeState& Timeline::seekIndex(std::size_t index) {
    replayTo(index);
    return m_state;
}

const RuntimeState& Timeline::seekTime(std::uint64_t t) {
    return seekIndex(m_trace.upperBound(t));
}

bool Timeline::stepForward() {
    if (m_state.applied >= m_trace.size()) return false;
    m_reducer.apply(m_state, m_trace.at(m_state.applied));
    return true;
}

bool Timeline::stepBack() {
    if (m_state.applied == 0) return false;
    const std::size_t target = m_state.applied - 1;
    // Make sure a dense checkpoint exists within kDenseStep before the target.
    const std::size_t anchor = target / kDenseStep * kDenseStep;
    if (!m_dense.count(anchor)) {
        replayTo(anchor);
        m_dense.emplace(anchor, std::make_shared<const RuntimeState>(m_state));
        while (m_dense.size() > kDenseMax) {
            // Drop the checkpoint farthest from the cursor.
            auto first = m_dense.begin();
            auto last = std::prev(m_dense.end());
            if (target - std::min(target, first->first) > std::max(target, last->first) - target)
                m_dense.erase(first);
            else
                m_dense.erase(last);
        }
    }
    m_state = *m_dense.at(anchor);
    for (std::size_t i = anchor; i < target; ++i) m_reducer.apply(m_state, m_trace.at(i));
    return true;
}

const RuntimeState& Timeline::finalState() {
    if (!m_final) return seekIndex(m_trace.size());  // still growing: all there is
    return *m_final;
}

}  // namespace asyncscope::trace
