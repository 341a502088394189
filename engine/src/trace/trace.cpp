#include <asyncscope/trace/trace.hpp>

#include <algorithm>

namespace asyncscope::trace {

std::uint16_t threadCode(std::uint32_t engineWorker) noexcept {
    if (engineWorker == kNoWorker) return kNoThread;
    if (engineWorker >= kBlockingThreadBase)
        return static_cast<std::uint16_t>(kBlockingFlag |
                                          ((engineWorker - kBlockingThreadBase) & 0x7FFF));
    return static_cast<std::uint16_t>(std::min<std::uint32_t>(engineWorker, 0x7FFE));
}

void Trace::append(const Record& r) {
    m_time.push_back(r.time);
    m_task.push_back(r.task);
    m_arg.push_back(r.arg);
    m_arg2.push_back(r.arg2);
    m_worker.push_back(r.worker);
    m_kind.push_back(static_cast<std::uint8_t>(r.kind));
    m_sub.push_back(r.sub);
    if (r.kind == EventKind::Spawn && r.arg2 != kNoString) m_taskNames[r.task] = r.arg2;
}

void Trace::reserve(std::size_t n) {
    m_time.reserve(n);
    m_task.reserve(n);
    m_arg.reserve(n);
    m_arg2.reserve(n);
    m_worker.reserve(n);
    m_kind.reserve(n);
    m_sub.reserve(n);
}

void Trace::clear() {
    m_time.clear();
    m_task.clear();
    m_arg.clear();
    m_arg2.clear();
    m_worker.clear();
    m_kind.clear();
    m_sub.clear();
    m_strings.clear();
    m_stringIndex.clear();
    m_taskNames.clear();
    m_info = {};
}

std::size_t Trace::lowerBound(std::uint64_t t) const noexcept {
    return static_cast<std::size_t>(std::lower_bound(m_time.begin(), m_time.end(), t) -
                                    m_time.begin());
}
std::size_t Trace::upperBound(std::uint64_t t) const noexcept {
    return static_cast<std::size_t>(std::upper_bound(m_time.begin(), m_time.end(), t) -
                                    m_time.begin());
}

std::uint32_t Trace::intern(std::string_view s) {
    auto it = m_stringIndex.find(std::string(s));
    if (it != m_stringIndex.end()) return it->second;
    auto idx = static_cast<std::uint32_t>(m_strings.size());
    m_strings.emplace_back(s);
    m_stringIndex.emplace(m_strings.back(), idx);
    return idx;
}

std::string_view Trace::string(std::uint32_t index) const noexcept {
    return index < m_strings.size() ? std::string_view(m_strings[index]) : std::string_view();
}

std::string Trace::taskName(std::uint32_t task) const {
    auto it = m_taskNames.find(task);
    if (it != m_taskNames.end() && it->second < m_strings.size() && !m_strings[it->second].empty())
        return m_strings[it->second];
    return "task " + std::to_string(task);
}

void Trace::setTaskName(std::uint32_t task, std::uint32_t stringIndex) {
    m_taskNames[task] = stringIndex;
}

std::size_t Trace::memoryBytes() const noexcept {
    std::size_t n = m_time.capacity() * 8 +
                    (m_task.capacity() + m_arg.capacity() + m_arg2.capacity()) * 4 +
                    m_worker.capacity() * 2 + m_kind.capacity() + m_sub.capacity();
    for (const auto& s : m_strings) n += s.capacity() + sizeof(std::string);
    return n;
}

}  // namespace asyncscope::trace
