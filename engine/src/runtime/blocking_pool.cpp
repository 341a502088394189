// The blocking pool: the threads that run spawn_blocking jobs. A thread is
// started when a job finds no idle or spinning thread (up to
// maxBlockingThreads), spins `idleSpin` for the next job after each one, then
// waits, and exits after `blockingKeepAlive` without work. Shutdown joins every
// thread and abandons the jobs still queued. Submitting a job, blocking sleep
// and simulated compute are in blocking.cpp.
#include "runtime/runtime_impl.hpp"

#include <algorithm>

namespace asyncscope::detail {

void BlockingPool::submit(BlockingJob* job) {
    bool notify = false;
    bool startThread = false;
    unsigned index = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_shutdown) {
            job->abandon();
            return;
        }
        m_jobs.push_back(job);
        std::size_t queued = m_queued.fetch_add(1, std::memory_order_release) + 1;
        m_inFlight.fetch_add(1, std::memory_order_acq_rel);
        if (queued <= m_spinning) {
            // A spinning thread will take it.
        } else if (m_idle > 0) {
            notify = true;
        } else if (m_threads < m_max) {
            startThread = true;
            index = m_nextIndex++;
            ++m_threads;
        }
        if (startThread) {
            joinExited();
            m_live.emplace_back(index, std::thread([this, index] { threadMain(index); }));
        }
    }
    if (notify) m_cv.notify_one();
}

void BlockingPool::joinExited() {
    // Called with m_mutex held; joins threads that have left threadMain.
    for (unsigned idx : m_exited) {
        auto it = std::find_if(m_live.begin(), m_live.end(),
                               [idx](const auto& p) { return p.first == idx; });
        if (it != m_live.end()) {
            it->second.join();
            m_live.erase(it);
        }
    }
    m_exited.clear();
}

void BlockingPool::threadMain(unsigned index) {
    t_context = Context{
        &m_shared, nullptr, nullptr, 0xFFFFFFFFu, kBlockingThreadBase + index, m_shared.observer};
    m_shared.emit(EventKind::BlockingThreadStart, 0);
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (!m_jobs.empty()) {
            BlockingJob* job = m_jobs.front();
            m_jobs.pop_front();
            m_queued.fetch_sub(1, std::memory_order_relaxed);
            lock.unlock();
            if (m_shared.observer) [[unlikely]]
                m_shared.emit(EventKind::BlockingStart, job->id, job->awaiting);
            const std::uint64_t jobId = job->id;
            job->run();  // completes the job and wakes its awaiter
            if (m_shared.observer) [[unlikely]]
                m_shared.emit(EventKind::BlockingEnd, jobId);
            m_inFlight.fetch_sub(1, std::memory_order_acq_rel);
            // One thread fewer that the virtual clock waits for.
            if (m_shared.clock.isVirtual()) m_shared.tryAdvanceVirtual();
            // Spin a little for the next job before sleeping.
            lock.lock();
            if (!m_jobs.empty() || m_shutdown || m_spin.count() <= 0) continue;
            ++m_spinning;
            lock.unlock();
            const std::int64_t until = Clock::wallNs() + m_spin.count();
            for (unsigned round = 1;
                 m_queued.load(std::memory_order_acquire) == 0 && Clock::wallNs() < until;
                 ++round) {
                for (int i = 0; i < 32; ++i) ASYNCSCOPE_CPU_RELAX();
                if ((round & 15) == 0) std::this_thread::yield();
            }
            lock.lock();
            --m_spinning;
            continue;
        }
        if (m_shutdown) break;
        ++m_idle;
        bool woke = m_cv.wait_for(lock, m_keepAlive, [&] { return !m_jobs.empty() || m_shutdown; });
        --m_idle;
        if (!woke) break;  // keep-alive expired with nothing to do
    }
    --m_threads;
    m_exited.push_back(index);
    lock.unlock();
    m_shared.emit(EventKind::BlockingThreadExit, 0);
    t_context = Context{};
}

void BlockingPool::shutdown() {
    std::vector<std::pair<unsigned, std::thread>> live;
    std::deque<BlockingJob*> pending;
    {
        std::lock_guard lock(m_mutex);
        if (m_shutdown && m_live.empty() && m_jobs.empty()) return;
        m_shutdown = true;
        pending.swap(m_jobs);
        live.swap(m_live);
        m_exited.clear();
    }
    m_cv.notify_all();
    for (auto& [idx, th] : live) th.join();
    for (BlockingJob* job : pending) {
        m_queued.fetch_sub(1, std::memory_order_relaxed);
        m_inFlight.fetch_sub(1, std::memory_order_relaxed);
        job->abandon();
    }
}

}  // namespace asyncscope::detail
