#include "live_model.hpp"

#include <cmath>

namespace asyncscope::core {

using trace::TaskPhase;

void LiveModel::reset() {
    *this = LiveModel();
}

void LiveModel::setRun(std::shared_ptr<const scenario::RunTables> tables,
                       std::function<std::string(std::uint32_t)> strings) {
    reset();
    m_tables = std::move(tables);
    m_strings = std::move(strings);
    std::map<std::uint64_t, QString> names;
    std::map<std::uint64_t, std::uint64_t> caps;
    if (m_tables)
        for (const scenario::RunResource& r : m_tables->resources) {
            names[r.id] = QString::fromStdString(r.name);
            if (r.capacity) caps[r.id] = r.capacity;
        }
    setResourceNames(std::move(names), std::move(caps));
}

void LiveModel::setResourceNames(std::map<std::uint64_t, QString> names,
                                 std::map<std::uint64_t, std::uint64_t> capacities) {
    m_resourceNames = std::move(names);
    m_capacities = std::move(capacities);
}

QString LiveModel::resourceName(std::uint64_t id) const {
    auto it = m_resourceNames.find(id);
    return it != m_resourceNames.end() ? it->second : QStringLiteral("#%1").arg(id);
}

std::uint64_t LiveModel::capacity(std::uint64_t id) const {
    auto it = m_capacities.find(id);
    return it != m_capacities.end() ? it->second : 0;
}

QString LiveModel::stringAt(std::uint32_t index) const {
    if (index == trace::kNoString || !m_strings) return {};
    auto it = m_stringCache.find(index);
    if (it != m_stringCache.end()) return it->second;
    const QString s = QString::fromStdString(m_strings(index));
    if (!s.isEmpty()) m_stringCache.emplace(index, s);  // not yet known: ask again later
    return s;
}

QString LiveModel::taskName(std::uint32_t id) const {
    const trace::TaskInfo* t = m_state.task(trace::TaskId(id));
    if (!t) return QStringLiteral("#%1").arg(id);
    QString n = stringAt(t->name);
    return n.isEmpty() ? QStringLiteral("task %1").arg(id) : n;
}

QColor LiveModel::taskColor(std::uint32_t id) {
    // Golden-ratio hues: neighbours in id get far-apart colours.
    const double h = std::fmod(0.13 + id * 0.6180339887, 1.0);
    return QColor::fromHslF(static_cast<float>(h), 0.62f, 0.58f);
}

QColor LiveModel::wakeColor(WakeSource s) {
    switch (s) {
    case WakeSource::Timer: return QColor(0x2f, 0x80, 0xed);
    case WakeSource::Channel: return QColor(0x27, 0xae, 0x60);
    case WakeSource::Mutex: return QColor(0xe6, 0x7e, 0x22);
    case WakeSource::Semaphore: return QColor(0xd3, 0x54, 0x00);
    case WakeSource::Notify: return QColor(0x8e, 0x44, 0xad);
    case WakeSource::Join: return QColor(0x16, 0xa0, 0x85);
    case WakeSource::Yield: return QColor(0x7f, 0x8c, 0x8d);
    case WakeSource::Blocking: return QColor(0xc0, 0x39, 0x2b);
    case WakeSource::Cancel: return QColor(0x95, 0x20, 0x20);
    default: return QColor(0x34, 0x49, 0x5e);
    }
}

std::optional<TransitionCounts> LiveModel::transitions(std::uint32_t task) const {
    const trace::TaskInfo* t = m_state.task(trace::TaskId(task));
    if (!t) return std::nullopt;
    TransitionCounts out{};
    for (std::size_t e = 0; e < t->edges.size(); ++e) {
        const auto edge = static_cast<trace::TaskEdge>(e);
        out[static_cast<std::size_t>(trace::edgeFrom(edge))]
           [static_cast<std::size_t>(trace::edgeTo(edge))] = t->edges[e];
    }
    return out;
}

const std::deque<WakeEntry>* LiveModel::wakeHistory(std::uint32_t task) const {
    auto it = m_wakes.find(task);
    return it != m_wakes.end() ? &it->second : nullptr;
}

void LiveModel::expireArrows(double wallNow) {
    if (m_arrowsFrozen) return;
    while (!m_arrows.empty() && wallNow - m_arrows.front().born > kArrowLifetime)
        m_arrows.pop_front();
}

void LiveModel::apply(const trace::Record& r, double wallNow) {
    const std::uint32_t task = r.task;
    auto addArrow = [&](Arrow a) {
        a.born = wallNow;
        if (m_arrows.size() >= kMaxArrows) m_arrows.pop_front();
        m_arrows.push_back(a);
    };
    switch (r.kind) {
    case EventKind::Wake: {
        Arrow a;
        a.kind = Arrow::Kind::Wake;
        a.source = static_cast<WakeSource>(r.sub);
        a.fromTask = r.arg;
        a.toTask = task;
        addArrow(a);
        auto& h = m_wakes[task];
        h.push_back({r.time, a.source, a.fromTask});
        if (h.size() > 32) h.pop_front();
        break;
    }
    case EventKind::Steal: {
        Arrow a;
        a.kind = Arrow::Kind::Steal;
        a.fromWorker = static_cast<std::uint16_t>(r.arg);
        a.toWorker = r.worker;
        a.count = r.arg2;
        a.toTask = task;
        addArrow(a);
        break;
    }
    case EventKind::Spawn: {
        if (r.arg) {
            Arrow a;
            a.kind = Arrow::Kind::Spawn;
            a.fromTask = r.arg;
            a.toTask = task;
            addArrow(a);
        }
        break;
    }
    default: break;
    }
}

void LiveModel::update(const scenario::RunSnapshot& snapshot,
                       const std::vector<trace::Record>& recent, double wallNow) {
    if (snapshot.state && snapshot.state != m_source) {
        m_source = snapshot.state;
        m_state = *snapshot.state;
    }
    m_dropped = snapshot.recorder.droppedLive;
    for (const trace::Record& r : recent) apply(r, wallNow);
    expireArrows(wallNow);
    sample(wallNow);
}

void LiveModel::sample(double wallNow) {
    if (m_lastSampleWall < 0) {
        m_lastSampleWall = wallNow;
        m_lastSampleEvents = m_state.applied;
        return;
    }
    const double dtWall = wallNow - m_lastSampleWall;
    if (dtWall < 0.25) return;
    m_eventsPerSec = static_cast<double>(m_state.applied - m_lastSampleEvents) / dtWall;
    m_lastSampleEvents = m_state.applied;
    m_lastSampleWall = wallNow;
}

}  // namespace asyncscope::core
