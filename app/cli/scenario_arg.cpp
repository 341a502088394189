#include "scenario_arg.hpp"

#include <asyncscope/scenario/library.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace asyncscope::cli {

using namespace asyncscope::scenario;

std::string printable(std::string s) {
    for (char& c : s)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7F) c = '?';
    return s;
}

std::vector<Diagnostic> inLineOrder(const LoadResult& r) {
    std::vector<Diagnostic> all = r.errors;
    all.insert(all.end(), r.warnings.begin(), r.warnings.end());
    std::stable_sort(all.begin(), all.end(), inFileOrder);
    return all;
}

std::optional<int> loadScenarioArg(const std::string& target, const char* verb, LoadResult& out) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(target, ec)) {
        out = loadScenarioFile(target);
    } else if (const BuiltinScenario* b = findBuiltin(target)) {
        out = loadBuiltin(*b);
    } else {
        std::fprintf(stderr,
                     "asyncscope-cli %s: '%s' is neither a file nor a built-in scenario "
                     "(asyncscope-cli list shows them)\n",
                     verb, printable(target).c_str());
        return 2;
    }
    if (out.ok()) {
        for (const Diagnostic& d : out.warnings)
            std::fprintf(stderr, "%s\n", printable(d.format()).c_str());
        return std::nullopt;
    }
    for (const Diagnostic& d : inLineOrder(out))
        std::fprintf(stderr, "%s\n", printable(d.format()).c_str());
    if (out.ioError) return 2;
    std::fprintf(stderr, "%s: %zu error(s); not run\n", printable(target).c_str(),
                 out.errors.size());
    return 3;  // not 1: a script tells "invalid" from "expectations failed"
}

std::optional<std::string> readRuntimeOverrides(const Args& args, RunOverrides& overrides) {
    if (auto v = args.value("workers")) {
        double x;
        if (!parseNumber(*v, x) || x < 1 || x > 64 || x != static_cast<int>(x))
            return "--workers takes a whole number from 1 to 64, found '" + *v + "'";
        overrides.workers = static_cast<unsigned>(x);
    }
    if (auto v = args.value("flavor")) {
        if (*v == "multi_thread" || *v == "multi-thread")
            overrides.flavor = Flavor::MultiThread;
        else if (*v == "current_thread" || *v == "current-thread")
            overrides.flavor = Flavor::CurrentThread;
        else
            return "--flavor takes multi_thread or current_thread, found '" + *v + "'";
    }
    if (auto v = args.value("clock")) {
        if (*v == "virtual")
            overrides.clock = ClockKind::Virtual;
        else if (*v == "real")
            overrides.clock = ClockKind::Real;
        else
            return "--clock takes real or virtual, found '" + *v + "'";
    }
    if (auto v = args.value("main")) {
        if (*v == "block_on" || *v == "block-on")
            overrides.blockOn = true;
        else if (*v == "worker")
            overrides.blockOn = false;
        else
            return "--main takes block_on or worker, found '" + *v + "'";
    }
    return std::nullopt;
}

}  // namespace asyncscope::cli
