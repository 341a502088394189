// libFuzzer target over the recording reader (.astrace files). The custom
// mutator keeps the header and the checksum right, so most mutations get
// past them to the parser and to what reads a loaded recording; whatever the
// bytes, loading must neither crash nor hang nor allocate by a count the file
// cannot hold, must explain a refusal, and a recording it accepts must be
// safe to replay, analyse and export (as `trace info`, `trace analyze` and
// `trace export` do).
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/export.hpp>
#include <asyncscope/trace/timeline.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string_view>

namespace {

// The header every recording of this build starts with: magic, version, and
// the byte-order mark as this machine writes it.
constexpr std::size_t kHeader = 16;
void writeHeader(std::uint8_t* p) {
    std::memcpy(p, "ASTRACE\0", 8);
    const std::uint32_t version = asyncscope::trace::kTraceFileVersion, bom = 0x01020304;
    std::memcpy(p + 8, &version, 4);
    std::memcpy(p + 12, &bom, 4);
}

// FNV-1a, 64 bits, as the writer computes it over every byte but the last 8.
std::uint64_t fnv1a(const std::uint8_t* p, std::size_t n) {
    std::uint64_t h = 1469598103934665603ull;  // (the basis the writer has always used)
    for (std::size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t maxSize);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t maxSize, unsigned int seed) {
    size = LLVMFuzzerMutate(data, size, maxSize);
    if (size < kHeader + 8) return size;
    // One mutation in eight keeps a damaged header or checksum, so that the
    // reader's own refusals stay exercised too.
    if (seed % 8 == 0) return size;
    writeHeader(data);
    const std::uint64_t sum = fnv1a(data, size - 8);
    std::memcpy(data + size - 8, &sum, 8);
    return size;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace asyncscope::trace;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    LoadResult r = loadTraceBytes(bytes, "fuzz.astrace");
    if (!r.trace) {
        // A refusal names the file and says why.
        if (r.error.rfind("fuzz.astrace: ", 0) != 0 || r.error.size() <= 14) std::abort();
        return 0;
    }
    const Trace& t = *r.trace;
    // Every event came from the file: 24 bytes each.
    if (t.size() * Trace::kBytesPerEvent > size) std::abort();
    Timeline timeline(t);
    const RuntimeState& end = timeline.finalState();
    (void)end.alive();
    if (t.size() > 0) (void)timeline.seekTime((t.startTime() + t.endTime()) / 2);
    (void)analyze(t);
    std::ostringstream chrome;
    writeChromeTrace(t, chrome);
    std::ostringstream csv;
    writeTaskCsv(t, csv);
    writeWorkerCsv(t, csv);
    return 0;
}
