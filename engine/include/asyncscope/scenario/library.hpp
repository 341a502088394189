// The built-in lesson library (scenarios/*.json, compiled into the engine).
#pragma once

#include <asyncscope/scenario/loader.hpp>

#include <span>
#include <string_view>

namespace asyncscope::scenario {

struct BuiltinScenario {
    std::string_view name;  // the file name without .json
    std::string_view text;  // the JSON
};

// Sorted by name.
std::span<const BuiltinScenario> builtinScenarios() noexcept;
const BuiltinScenario* findBuiltin(std::string_view name) noexcept;
// Loads a built-in scenario (diagnostics name it "builtin:NAME.json").
LoadResult loadBuiltin(const BuiltinScenario& builtin);

// The scenario the app opens with.
inline constexpr std::string_view kDefaultScenario = "tour";

}  // namespace asyncscope::scenario
