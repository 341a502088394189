// Loading a scenario: pass 1 (parse: reading the file, the size limit, the
// JSON document) and the order of the passes (loadScenario). The design note
// -- what each pass guarantees -- is at the top of loader_passes.hpp. Also the
// model's small lookups and the names of its enums.
#include "scenario/loader_passes.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace asyncscope::scenario {

using namespace passes;

// ------------------------------------------------------------------- names

std::string_view toString(StepKind kind) noexcept {
    const auto i = static_cast<std::size_t>(kind);
    return i < kStepNames.size() ? kStepNames[i] : "?";
}

std::string_view toString(ResourceKind kind) noexcept {
    const auto i = static_cast<std::size_t>(kind);
    return i < kResourceNames.size() ? kResourceNames[i] : "?";
}

std::string_view toString(ExpectKind kind) noexcept {
    const auto i = static_cast<std::size_t>(kind);
    return i < kExpectNames.size() ? kExpectNames[i] : "?";
}

int Program::findTemplate(std::string_view name) const {
    for (std::size_t i = 0; i < templates.size(); ++i)
        if (templates[i].name == name) return static_cast<int>(i);
    return -1;
}

int Program::findResource(std::string_view name) const {
    for (std::size_t i = 0; i < resources.size(); ++i)
        if (resources[i].name == name) return static_cast<int>(i);
    return -1;
}

const Variant* Scenario::findVariant(std::string_view variant) const {
    for (const Variant& v : variants)
        if (v.name == variant) return &v;
    return nullptr;
}

const Program* Scenario::program(std::string_view variant) const {
    if (variant.empty() || variant == "base") return &base;
    const Variant* v = findVariant(variant);
    return v ? &v->program : nullptr;
}

std::string Diagnostic::format() const {
    std::string out = file;
    if (pos.line) out += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
    out += warning ? ": warning: " : ": error: ";
    if (!path.empty()) out += path + ": ";
    out += message;
    return out;
}

bool inFileOrder(const Diagnostic& a, const Diagnostic& b) noexcept {
    const auto la = a.pos.line ? a.pos.line : UINT32_MAX, lb = b.pos.line ? b.pos.line : UINT32_MAX;
    return la != lb ? la < lb : a.pos.column < b.pos.column;
}

// -------------------------------------------------------------- the loader

LoadResult loadScenario(std::string_view text, std::string_view file, std::string_view name) {
    LoadResult result;
    std::string fileName(file.empty() ? "<scenario>" : file);
    Checker c(fileName, result.errors, &result.warnings);

    // 1. Parse.
    if (text.size() > kMaxScenarioBytes) {
        c.error(SourcePos{}, "",
                "the file is " + std::to_string(text.size()) +
                    " bytes; a scenario may be at most " + std::to_string(kMaxScenarioBytes) +
                    " bytes (1 MiB)");
        return result;
    }
    JsonParseResult parsed = parseJsonDocument(text);
    for (const JsonError& e : parsed.errors) c.error(e.pos, e.path, e.message);
    if (!parsed.ok) return result;
    const JsonNode& root = parsed.root;

    Scenario sc;
    sc.file = fileName;
    if (!name.empty()) {
        sc.name = std::string(name);
    } else {
        std::string base = fileName.substr(fileName.find_last_of("/\\") + 1);
        if (base.size() > 5 && base.compare(base.size() - 5, 5, ".json") == 0)
            base.resize(base.size() - 5);
        sc.name = base;
    }
    // 2. Check the document's own fields (a program's are checked as it is built).
    if (!checkHeader(c, root, sc)) return result;

    // 5, first half. Variant names first: "faster" expectations refer to them.
    std::vector<std::string> variantNames;
    const JsonNode* variants = readVariantNames(c, root, variantNames);

    // 3 and 4. Build the base program, resolving its references.
    ProgramBuilder builder(c, variantNames);
    sc.base = builder.build(root);

    // 5. Each variant's program.
    buildVariants(c, builder, root, variants, sc);

    // 6. A guided lesson's moments, naming the base program's tasks and resources.
    checkMoments(c, root, sc);

    std::stable_sort(result.errors.begin(), result.errors.end(), inFileOrder);
    std::stable_sort(result.warnings.begin(), result.warnings.end(), inFileOrder);
    if (c.count() == 0) result.scenario = std::move(sc);
    return result;
}

LoadResult loadScenarioFile(const std::string& path) {
    LoadResult result;
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status)) {
        result.ioError = true;
        result.errors.push_back({path, {}, "", "is a folder, not a scenario file"});
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.ioError = true;
        result.errors.push_back({path,
                                 {},
                                 "",
                                 ec == std::errc::no_such_file_or_directory
                                     ? "no such file"
                                     : "cannot open the file (may you read it?)"});
        return result;
    }
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxScenarioBytes) {
            result.errors.push_back({path,
                                     {},
                                     "",
                                     "the file is larger than " +
                                         std::to_string(kMaxScenarioBytes) +
                                         " bytes (1 MiB); a scenario may be at most that"});
            return result;
        }
    }
    if (in.bad()) {
        result.ioError = true;
        result.errors.push_back({path, {}, "", "reading the file failed"});
        return result;
    }
    return loadScenario(text, path);
}

}  // namespace asyncscope::scenario
