#include <asyncscope/trace/timeline.hpp>

#include <algorithm>

namespace asyncscope::trace {

namespace {
constexpr std::size_t kDenseStep = 256;
constexpr std::size_t kDenseMax = 64;
}  // namespace

Timeline::Timeline(const Trace& trace) : Timeline(trace, Options{}) {}

Timeline::Timeline(const Trace& trace, Options options)
    : m_trace(trace), m_options(options), m_reducer(&trace) {
    build();
}

std::size_t Timeline::estimateBytes(const RuntimeState& s) noexcept {
    std::size_t n = sizeof(RuntimeState) + s.tasks.size() * sizeof(TaskInfo) + s.global.size() * 4 +
                    s.timers.size() * 48 + s.locks.size() * 128 + s.channels.size() * 128;
    for (const auto& w : s.workers) n += sizeof(WorkerInfo) + w.local.size() * 4;
    return n;
}

void Timeline::build() {
    // One pass over the trace: keyframes at an interval that grows when the
    // state gets large, so that all keyframes fit the budget.
    const std::size_t n = m_trace.size();
    m_interval = m_options.minInterval;
    RuntimeState s;
    m_keyframes.push_back(std::make_shared<const RuntimeState>(s));
    std::size_t next = m_interval;
    std::size_t used = estimateBytes(s);
    for (std::size_t i = 0; i < n; ++i) {
        m_reducer.apply(s, m_trace.at(i));
        if (i + 1 == next) {
            std::size_t bytes = estimateBytes(s);
            // Expected total if the rest of the trace keeps this interval.
            while (m_interval < m_options.maxInterval &&
                   used + bytes * ((n - i) / m_interval + 1) > m_options.keyframeBudgetBytes) {
                // Thin out: keep every other keyframe and double the interval.
                std::vector<std::shared_ptr<const RuntimeState>> kept;
                for (std::size_t k = 0; k < m_keyframes.size(); k += 2)
                    kept.push_back(m_keyframes[k]);
                m_keyframes.swap(kept);
                m_interval *= 2;
                used = 0;
                for (const auto& k : m_keyframes) used += estimateBytes(*k);
            }
            if ((i + 1) % m_interval == 0) {
                m_keyframes.push_back(std::make_shared<const RuntimeState>(s));
                used += bytes;
            }
            next = (i + 1) / m_interval * m_interval + m_interval;
        }
    }
    m_final = std::make_shared<const RuntimeState>(std::move(s));
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
    return *m_final;
}

}  // namespace asyncscope::trace
