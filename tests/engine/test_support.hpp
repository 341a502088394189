// Helpers shared by the engine tests.
#pragma once

#include <asyncscope/asyncscope.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace asyncscope::test {

using namespace std::chrono_literals;

// A deterministic runtime: one worker, virtual clock that jumps to the next
// timer when nothing is runnable.
inline RuntimeConfig deterministic(unsigned workers = 1) {
    RuntimeConfig c;
    c.workers = workers;
    c.clock = ClockKind::Virtual;
    c.idleSpin = Duration(0);
    return c;
}

// Records every event (for order assertions).
class Recorder final : public Observer {
public:
    void onEvent(const Event& e) noexcept override {
        std::lock_guard lock(m_mutex);
        Event copy = e;
        copy.text = {};
        m_events.push_back(copy);
        m_texts.emplace_back(e.text);
    }
    std::vector<Event> events() const {
        std::lock_guard lock(m_mutex);
        return m_events;
    }
    std::vector<Event> of(EventKind k) const {
        std::lock_guard lock(m_mutex);
        std::vector<Event> out;
        for (const Event& e : m_events)
            if (e.kind == k) out.push_back(e);
        return out;
    }
    std::vector<std::string> texts(EventKind k) const {
        std::lock_guard lock(m_mutex);
        std::vector<std::string> out;
        for (std::size_t i = 0; i < m_events.size(); ++i)
            if (m_events[i].kind == k) out.push_back(m_texts[i]);
        return out;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<Event> m_events;
    std::vector<std::string> m_texts;
};

}  // namespace asyncscope::test
