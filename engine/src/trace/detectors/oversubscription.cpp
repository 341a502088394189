// Oversubscription: more busy threads (workers in a poll + blocking threads
// running a job) than cores for at least oversubscriptionNs. One finding per
// run, kept up to date with the peak, the busy time and the episodes.
#include "trace/detectors/detectors_impl.hpp"

namespace asyncscope::trace {

using namespace detect;

void Detectors::Impl::updateOversubscription(const RuntimeState& s, const Record& r,
                                             std::size_t index) {
    const unsigned busy = static_cast<unsigned>(activePolls) + busyBlocking - offCpuBusy();
    const std::uint64_t now = s.time;
    if (busy > cores) {
        if (!over.in) {
            over.in = true;
            over.start = now;
            over.reported = false;
        }
        if (busy > over.runPeak) {
            over.runPeak = busy;
            over.peakWorkers = 0;
            over.peakBlocking = 0;
            over.peakThreads.clear();
            for (std::size_t w = 0; w < polls.size(); ++w)
                if (polls[w].active && !offCpu.count(static_cast<std::uint16_t>(w))) {
                    over.peakThreads.push_back(static_cast<std::uint16_t>(w));
                    ++over.peakWorkers;
                }
            for (std::size_t b = 0; b < blockingJob.size(); ++b) {
                const auto code = static_cast<std::uint16_t>(kBlockingFlag | b);
                if (blockingJob[b] && !offCpu.count(code)) {
                    over.peakThreads.push_back(code);
                    ++over.peakBlocking;
                }
            }
            if (over.serial)
                if (Finding* f = get(over.serial)) fillOversubscription(*f);
        }
        if (!over.reported && now - over.start >= opt.oversubscriptionNs) {
            over.reported = true;
            ++over.episodes;
            if (!over.serial) {
                over.firstStart = over.start;
                Finding f;
                f.kind = FindingKind::Oversubscription;
                f.time = r.time;
                f.eventIndex = index;
                over.totalNs += now - over.start;
                over.start = now;  // the rest of the episode is added when it ends
                fillOversubscription(f);
                over.serial = add(std::move(f));
            } else if (Finding* f = get(over.serial)) {
                over.totalNs += now - over.start;
                over.start = now;
                fillOversubscription(*f);
            }
        }
    } else if (over.in) {
        over.in = false;
        if (over.reported) {
            over.totalNs += now - over.start;
            if (Finding* f = get(over.serial)) fillOversubscription(*f);
        }
    }
}

// The threads counted busy (in a poll or a job) that gave up their core.
unsigned Detectors::Impl::offCpuBusy() const {
    unsigned n = 0;
    for (std::uint16_t code : offCpu) {
        if (code & kBlockingFlag) {
            const unsigned b = code & ~kBlockingFlag;
            n += b < blockingJob.size() && blockingJob[b] ? 1u : 0u;
        } else {
            n += code < polls.size() && polls[code].active ? 1u : 0u;
        }
    }
    return n;
}

// The figures of the run's one finding, then its text.
void Detectors::Impl::fillOversubscription(Finding& f) {
    f.count = over.runPeak;
    f.durationNs = over.totalNs;
    f.threads = over.peakThreads;
    oversubText(f);
}

}  // namespace asyncscope::trace
