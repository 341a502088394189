#include <asyncscope/scenario/library.hpp>

namespace asyncscope::scenario {

const BuiltinScenario* findBuiltin(std::string_view name) noexcept {
    for (const BuiltinScenario& b : builtinScenarios())
        if (b.name == name) return &b;
    return nullptr;
}

LoadResult loadBuiltin(const BuiltinScenario& builtin) {
    return loadScenario(builtin.text, "builtin:" + std::string(builtin.name) + ".json",
                        builtin.name);
}

}  // namespace asyncscope::scenario
