// libFuzzer target over the scenario loader: whatever the bytes, loading must
// neither crash nor hang, and must either produce a scenario or explain why
// not with positioned diagnostics.
#include <asyncscope/scenario/loader.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace asyncscope::scenario;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    LoadResult r = loadScenario(text, "fuzz.json");
    if (r.ok() == r.errors.empty()) {
    } else {
        std::abort();  // a scenario with errors, or no scenario and no reason
    }
    for (const Diagnostic& d : r.errors) {
        if (d.message.empty()) std::abort();
        // Positions point into the text (columns count characters).
        if (d.pos.line > size + 1 || d.pos.column > size + 1) std::abort();
        (void)d.format();
    }
    if (r.ok()) {
        const Scenario& s = *r.scenario;
        if (s.base.maxTasks > kMaxTasksPerRun) std::abort();
        for (const Variant& v : s.variants)
            if (v.program.maxTasks > kMaxTasksPerRun) std::abort();
    }
    return 0;
}
