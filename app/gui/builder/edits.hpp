// The Builder's changes to a scenario document, as edits of its text
// (json_edit.hpp): what a new step, resource or expectation starts as, and
// the renames that carry every reference along. Plus how a step reads in
// the Builder's outline and in an undo command's name.
#pragma once

#include <asyncscope/scenario/json_edit.hpp>

#include <QString>
#include <QStringList>

namespace asyncscope::gui::builder {

using scenario::JsonNode;
using scenario::JsonPath;
using scenario::JsonTextEdit;

QString qs(const std::string& s);
std::string ss(const QString& s);
// A string, number or boolean as the forms show it ("" for anything else or null).
QString scalarText(const JsonNode* n);

// The outline's line for a step, in Rust terms: "cache.lock().await",
// "sleep(5ms).await", "tokio::spawn(worker) ×3"; with its label after a dash.
QString stepLine(const JsonNode& step);
// Short, for command names: "sleep 5ms", "lock cache", "spawn worker".
QString stepShort(const JsonNode& step);

// Names in the document: resources (of `kinds`, or all), templates,
// variants, and the task names spawns and start entries give.
QStringList resourceNames(const JsonNode& root, const QStringList& kinds = {});
QStringList templateNames(const JsonNode& root);
QStringList variantNames(const JsonNode& root);
QStringList taskNames(const JsonNode& root);
// `base` if it is free in `taken`, else base-2, base-3, ...
QString freeName(const QString& base, const QStringList& taken);

// A new step of `kind` as JSON text, its required fields filled so that it
// loads where it can: a duration of 1ms, the first resource of a kind it
// takes, a template other than `ownTemplate`.
std::string newStep(const QString& kind, const JsonNode& root, const QString& ownTemplate);
std::string newResource(const QString& kind);
std::string newExpectation(const QString& kind, const JsonNode& root);

// A value of the format: "5ms" (from nanoseconds), a duration's nanoseconds
// from its JSON (a string with a unit or a number of milliseconds).
QString durationText(std::int64_t ns);
std::int64_t durationOf(const JsonNode& value);

// Makes sure the object at `owner` (the scenario, or a variant) has the
// section `key`: when it is missing it is added as `emptyJson`, where the
// format's order puts it (config before resources before templates, ...).
bool ensureSection(JsonTextEdit& doc, const JsonPath& owner, std::string_view key,
                   std::string_view emptyJson);

// Renames resource `from` to `to` in the scenario and in every variant, and
// every reference to it: steps' "resource", tokens' "parent", the moments'
// "contention", "on" and highlighted resources. False when `to` is taken.
bool renameResource(JsonTextEdit& doc, const QString& from, const QString& to);
// Renames template `from`: its entry (and variants' overrides of it), the
// spawns and calls of it, start entries, "runs" expectations and "spawn"
// moments; and, as tasks are named after their template unless a spawn
// names them, the task references (join, cancel, expectations, moments) to
// `from` or `from#N` when no spawn gives its tasks that name explicitly.
bool renameTemplate(JsonTextEdit& doc, const QString& from, const QString& to);
// Renames variant `from` and the "faster" expectations that name it.
bool renameVariant(JsonTextEdit& doc, const QString& from, const QString& to);

}  // namespace asyncscope::gui::builder
