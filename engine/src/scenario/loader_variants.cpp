// Pass 5, variants (see the design note in loader_passes.hpp): the variant
// names, read before the base program is built, and each variant's program:
// its overrides merged over the base document, built by passes 3 and 4
// again, its errors reported under its own path.
#include "scenario/loader_passes.hpp"

#include <algorithm>
#include <functional>

namespace asyncscope::scenario::passes {

const JsonNode* readVariantNames(Checker& c, const JsonNode& root,
                                 std::vector<std::string>& variantNames) {
    const JsonNode* variants = root.find("variants");
    if (variants && !variants->isArray()) {
        c.error(*variants, "variants",
                "expected a list of variants (an array), found " + describeValue(*variants));
        variants = nullptr;
    }
    if (variants) {
        for (std::size_t i = 0; i < variants->items.size(); ++i) {
            const JsonNode* nm =
                variants->items[i].isObject() ? variants->items[i].find("name") : nullptr;
            if (!nm) continue;
            const std::string path = Checker::index("variants", i) + ".name";
            auto s = c.name(*nm, path, "a variant name");
            if (!s) continue;
            if (*s == "base") {
                c.error(
                    *nm, path,
                    "\"base\" is reserved for the scenario without variant; choose another name");
                continue;
            }
            if (std::find(variantNames.begin(), variantNames.end(), *s) != variantNames.end()) {
                c.error(*nm, path, "a second variant named \"" + *s + "\"");
                continue;
            }
            variantNames.push_back(*s);
        }
    }
    return variants;
}

void buildVariants(Checker& c, ProgramBuilder& builder, const JsonNode& root,
                   const JsonNode* variants, Scenario& sc) {
    if (variants) {
        for (std::size_t i = 0; i < variants->items.size(); ++i) {
            const std::string path = Checker::index("variants", i);
            const JsonNode& v = variants->items[i];
            if (!c.object(v, path,
                          {"name", "title", "description", "config", "resources", "templates",
                           "start", "expectations"},
                          {"name", "title"}, "a variant"))
                continue;
            Variant var;
            if (const JsonNode* nm = v.find("name"); nm && nm->isString()) var.name = nm->string;
            if (const JsonNode* t = v.find("title"))
                c.text(*t, path + ".title", var.title, "the variant's title");
            if (const JsonNode* t = v.find("description"))
                c.text(*t, path + ".description", var.description, "the variant's description");
            // The merged document: the scenario with this variant's overrides.
            JsonNode merged = root;
            bool shapeOk = true;
            for (const char* key : {"config", "resources", "templates"}) {
                const JsonNode* over = v.find(key);
                if (!over) continue;
                if (!over->isObject()) {
                    c.error(*over, path + "." + key,
                            "expected an object of overrides, found " + describeValue(*over));
                    shapeOk = false;
                    continue;
                }
                JsonNode* target = merged.find(key);
                if (!target || !target->isObject()) {
                    merged.set(key, *over, over->pos);
                    continue;
                }
                for (std::size_t k = 0; k < over->keys.size(); ++k)
                    target->set(over->keys[k], over->items[k], over->keyPos[k]);
            }
            for (const char* key : {"start", "expectations"})
                if (const JsonNode* over = v.find(key)) merged.set(key, *over, over->pos);
            if (!shapeOk) continue;
            std::set<std::uint64_t> positions;
            std::function<void(const JsonNode&)> collect = [&](const JsonNode& n) {
                positions.insert((std::uint64_t{n.pos.line} << 32) | n.pos.column);
                for (const SourcePos& kp : n.keyPos)
                    positions.insert((std::uint64_t{kp.line} << 32) | kp.column);
                for (const JsonNode& item : n.items) collect(item);
            };
            for (const char* key : {"config", "resources", "templates", "start", "expectations"})
                if (const JsonNode* over = v.find(key)) collect(*over);
            c.setVariant(&positions, path);
            var.program = builder.build(merged);
            c.setVariant(nullptr, {});
            sc.variants.push_back(std::move(var));
        }
    }
}

}  // namespace asyncscope::scenario::passes
