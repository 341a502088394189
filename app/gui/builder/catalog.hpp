// What the Builder knows of the scenario format (scenarios/README.md): every
// step kind with its group, its Rust spelling, a one-line explanation and
// its fields; the runtime settings with their units and ranges; the resource
// kinds and the expectation kinds with theirs. The loader stays the judge of
// what is valid: the catalogue only decides which widget edits a field and
// what a new item starts as.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace asyncscope::gui::builder {

enum class FieldType {
    Duration,  // "5ms": a number and a unit
    Integer,
    Real,
    Bool,
    Text,      // one line
    LongText,  // lesson text
    Choice,    // one of `choices`
    Resource,  // a resource of the scenario, of one of `kinds`
    Template,  // a template of the scenario
    Task,      // a task name (free text, the scenario's names offered)
    Variant,   // a variant's name, or "base"
};

struct Field {
    const char* key;
    FieldType type;
    bool required = false;
    double min = 0, max = 0;  // Integer, Real
    QStringList choices;      // Choice; Resource: the kinds it takes
    QString fallback;         // what an absent optional field means, as JSON ("" none)
    const char* help = "";    // translated in the "Builder" context
};

struct StepKind {
    const char* kind;   // the file's spelling
    const char* group;  // time, sync, channels, tasks, control
    const char* rust;   // how it reads in Rust, e.g. "sleep(…).await"
    const char* help;   // one line, translated in the "Builder" context
    std::vector<Field> fields;
    // Nested steps: "steps" (a block), "branches" (select), or none.
    const char* nested = "";
};

struct ResourceKind {
    const char* kind;
    const char* rust;
    const char* help;
    std::vector<Field> fields;
};

struct ExpectKind {
    const char* kind;
    const char* help;
    std::vector<Field> fields;
};

const std::vector<StepKind>& stepKinds();
const StepKind* stepKind(const QString& kind);
// The groups of the palette in order, and a group's title (translated).
const QStringList& stepGroups();
QString groupTitle(const QString& group);

const std::vector<Field>& configFields();
const std::vector<ResourceKind>& resourceKinds();
const ResourceKind* resourceKind(const QString& kind);
const std::vector<ExpectKind>& expectKinds();
const ExpectKind* expectKind(const QString& kind);
const QStringList& findingNames();
const QStringList& categories();
const QStringList& difficulties();

// A text of the catalogue in the current language.
QString translated(const char* text);

}  // namespace asyncscope::gui::builder
