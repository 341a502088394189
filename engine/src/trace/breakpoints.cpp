#include <asyncscope/trace/breakpoints.hpp>

#include <algorithm>
#include <cstdio>

namespace asyncscope::trace {

std::string_view toString(BreakKind kind) noexcept {
    switch (kind) {
    case BreakKind::Wake: return "wake";
    case BreakKind::Contention: return "contention";
    case BreakKind::Steal: return "steal";
    case BreakKind::Spawn: return "spawn";
    case BreakKind::Finding: return "finding";
    case BreakKind::Instant: return "instant";
    case BreakKind::Wait: return "wait";
    case BreakKind::Count: break;
    }
    return "?";
}

std::optional<BreakKind> breakKindFromString(std::string_view s) noexcept {
    for (int k = 0; k < static_cast<int>(BreakKind::Count); ++k)
        if (toString(static_cast<BreakKind>(k)) == s) return static_cast<BreakKind>(k);
    return std::nullopt;
}

namespace {
std::string instantText(std::uint64_t ns) {
    char buf[48];
    if (ns % 1'000'000 == 0)
        std::snprintf(buf, sizeof buf, "%llu ms", static_cast<unsigned long long>(ns / 1'000'000));
    else
        std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(ns) / 1e6);
    return buf;
}
}  // namespace

std::string Breakpoint::describe() const {
    const std::string any = "any task";
    switch (kind) {
    case BreakKind::Wake: return "a wake of " + (name.empty() ? any : name);
    case BreakKind::Contention:
        return "contention on " + (name.empty() ? std::string("any lock") : name);
    case BreakKind::Steal: return "a steal";
    case BreakKind::Spawn: return "a spawn of " + (name.empty() ? any : name);
    case BreakKind::Finding:
        return "a finding: " + std::string(finding == FindingKind::Count ? std::string_view("any")
                                                                         : toString(finding));
    case BreakKind::Instant: return "t = " + instantText(at);
    case BreakKind::Wait:
        return (name.empty() ? any : name) + " waits on " +
               (resource.empty() ? std::string("anything") : resource);
    case BreakKind::Count: break;
    }
    return "?";
}

BreakpointMatcher::BreakpointMatcher(std::vector<Breakpoint> breakpoints)
    : m_bps(std::move(breakpoints)), m_instantDone(m_bps.size(), false) {}

bool BreakpointMatcher::taskMatches(const std::string& want, std::uint32_t task,
                                    const Trace& trace) const {
    if (want.empty()) return true;
    auto it = m_names.find(task);
    if (it == m_names.end()) return false;
    const std::string_view n = trace.string(it->second);
    if (n == want) return true;
    // A member of the group "want": "want#k".
    return n.size() > want.size() + 1 && n.substr(0, want.size()) == want && n[want.size()] == '#';
}

bool BreakpointMatcher::resourceMatches(const std::string& want, std::uint32_t id,
                                        const Trace& trace) const {
    if (want.empty()) return true;
    for (const RecordedResource& res : trace.info().resources)
        if (static_cast<std::uint32_t>(res.id) == id) return res.name == want;
    return false;
}

std::vector<BreakHit> BreakpointMatcher::onRecord(const Trace& trace, const Record& r,
                                                  std::size_t index) {
    std::vector<BreakHit> hits;
    m_next = index + 1;
    if (r.kind == EventKind::Spawn && r.arg2 != kNoString) m_names[r.task] = r.arg2;
    for (std::size_t i = 0; i < m_bps.size(); ++i) {
        const Breakpoint& b = m_bps[i];
        if (!b.enabled) continue;
        bool hit = false;
        switch (b.kind) {
        case BreakKind::Wake:
            hit = r.kind == EventKind::Wake && taskMatches(b.name, r.task, trace);
            break;
        case BreakKind::Contention:
            hit = r.kind == EventKind::LockContend && resourceMatches(b.name, r.arg, trace);
            break;
        case BreakKind::Steal: hit = r.kind == EventKind::Steal; break;
        case BreakKind::Spawn:
            if (r.kind == EventKind::Spawn) {
                const std::uint32_t t = r.templateIndex();
                const auto& names = trace.info().templates;
                hit = b.name.empty() || (t < names.size() && names[t] == b.name);
            }
            break;
        case BreakKind::Instant:
            // Fired by the first record past the instant; the state to show
            // is the one before it.
            if (!m_instantDone[i] && r.time > b.at) {
                m_instantDone[i] = true;
                hits.push_back({i, index > 0 ? index - 1 : 0, b.at});
            }
            break;
        case BreakKind::Wait: {
            const bool waits = r.kind == EventKind::LockContend || r.kind == EventKind::ChanEmpty ||
                               r.kind == EventKind::ChanFull || r.kind == EventKind::SemWait ||
                               r.kind == EventKind::NotifyWait;
            hit = waits && taskMatches(b.name, r.task, trace) &&
                  resourceMatches(b.resource, r.arg, trace);
            break;
        }
        case BreakKind::Finding:
        case BreakKind::Count: break;
        }
        if (hit) hits.push_back({i, index, r.time});
    }
    m_lastTime = r.time;
    return hits;
}

std::vector<BreakHit> BreakpointMatcher::onFindings(const std::vector<Finding>& findings) {
    std::vector<BreakHit> hits;
    for (const Finding& f : findings) {
        const std::pair<FindingKind, std::size_t> key{f.kind, f.eventIndex};
        if (std::find(m_seenFindings.begin(), m_seenFindings.end(), key) != m_seenFindings.end())
            continue;
        m_seenFindings.push_back(key);
        // A poll seen while it still ran fires once: its own finding, when it
        // returns, is the same problem.
        const std::pair<FindingKind, std::uint32_t> who{f.kind, f.tasks.empty() ? 0 : f.tasks[0]};
        const auto seenOngoing = std::find(m_ongoing.begin(), m_ongoing.end(), who);
        if (f.ongoing) {
            if (seenOngoing != m_ongoing.end()) continue;
            m_ongoing.push_back(who);
        } else if (seenOngoing != m_ongoing.end()) {
            m_ongoing.erase(seenOngoing);
            continue;
        }
        for (std::size_t i = 0; i < m_bps.size(); ++i) {
            const Breakpoint& b = m_bps[i];
            if (b.enabled && b.kind == BreakKind::Finding &&
                (b.finding == FindingKind::Count || b.finding == f.kind))
                hits.push_back({i, f.eventIndex, f.time});
        }
    }
    return hits;
}

std::vector<BreakHit> findBreaks(const Trace& trace, const std::vector<Finding>& findings,
                                 const std::vector<Breakpoint>& breakpoints) {
    BreakpointMatcher m(breakpoints);
    std::vector<BreakHit> out;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        std::vector<BreakHit> h = m.onRecord(trace, trace.at(i), i);
        out.insert(out.end(), h.begin(), h.end());
    }
    // An instant the recording never passed (its end): it is not reached.
    std::vector<BreakHit> f = m.onFindings(findings);
    out.insert(out.end(), f.begin(), f.end());
    std::stable_sort(out.begin(), out.end(), [](const BreakHit& a, const BreakHit& b) {
        return a.eventIndex < b.eventIndex;
    });
    return out;
}

}  // namespace asyncscope::trace
