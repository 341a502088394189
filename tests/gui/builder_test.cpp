// The scenario Builder (Qt Test, offscreen, in the real main window): every
// built-in scenario round-trips through its forms to an equal program; each
// command changes the text, and undo and redo restore it exactly, in one
// history with the Editor's typing; a rename carries its references; a
// diagnostic lands on its step and field and goes when fixed; a text that
// does not parse locks it; drops from the palette and moves by dragging;
// the keyboard.
#include "main_window.hpp"
#include "panels/builder_panel.hpp"
#include "panels/editor_panel.hpp"
#include "session.hpp"

#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <QApplication>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>
#include <sstream>

using namespace asyncscope;
using namespace asyncscope::gui;

namespace {

void dumpSteps(std::ostream& o, const std::vector<scenario::Step>& steps, int depth) {
    for (const scenario::Step& s : steps) {
        o << std::string(static_cast<std::size_t>(depth) * 2, ' ') << toString(s.kind) << " S"
          << s.index << " label=" << s.label << " d=" << s.duration.count()
          << " j=" << s.jitter.count() << " r=" << s.resource << " t=" << s.target
          << " n=" << s.count << " name=" << s.name << " msg=" << s.message << " f=" << s.flag
          << " local=" << s.local << '\n';
        dumpSteps(o, s.body, depth + 1);
        for (const auto& b : s.branches) {
            o << std::string(static_cast<std::size_t>(depth) * 2 + 1, ' ') << "|\n";
            dumpSteps(o, b, depth + 1);
        }
    }
}

// Everything a program is, but where it was written.
std::string dump(const scenario::Program& p) {
    std::ostringstream o;
    const RuntimeConfig& c = p.settings.runtime;
    o << "flavor=" << static_cast<int>(c.flavor) << " workers=" << c.workers
      << " gqi=" << c.globalQueueInterval << " lifo=" << c.lifoSlot << " steal=" << c.stealing
      << " budget=" << c.budget << " slice=" << c.preemptionSlice.count()
      << " blocking=" << c.maxBlockingThreads << " clock=" << static_cast<int>(c.clock)
      << " cores=" << c.cores << " scale=" << c.timeScale << " seed=" << c.seed
      << " limit=" << p.settings.timeLimit.count() << " max=" << p.maxTasks << '\n';
    for (const auto& r : p.resources)
        o << "R " << r.name << ' ' << toString(r.kind) << ' ' << r.amount << ' ' << r.barging << ' '
          << r.parent << '\n';
    for (const auto& t : p.templates) {
        o << "T " << t.name << " points=" << t.awaitPoints << '\n';
        dumpSteps(o, t.steps, 1);
    }
    for (const auto& s : p.start)
        o << "S " << s.target << ' ' << s.count << ' ' << s.name << ' ' << s.blockOn << '\n';
    for (const auto& e : p.expectations)
        o << "E " << toString(e.kind) << ' ' << e.finding << ' ' << e.task << ' ' << e.state << ' '
          << e.templ << ' ' << e.hasMin << e.hasMax << ' ' << e.min << ' ' << e.max << ' '
          << e.variant << ' ' << e.than << ' ' << e.factor << '\n';
    return o.str();
}

std::string dump(const scenario::Scenario& sc) {
    std::string out = dump(sc.base);
    for (const auto& v : sc.variants)
        out += "V " + v.name + ' ' + v.title.en + '|' + v.title.zh + '|' + v.description.en + '|' +
               v.description.zh + '\n' + dump(v.program);
    for (const scenario::Text* t :
         {&sc.title, &sc.description, &sc.lesson.watch, &sc.lesson.meaning, &sc.lesson.tokio})
        out += "text " + t->en + '|' + t->zh + '\n';
    out += sc.category + ' ' + sc.difficulty + '\n';
    out += "moments " + std::to_string(sc.moments.size()) + " speed " + std::to_string(sc.speed);
    return out;
}

std::string dumpText(const QString& text) {
    const scenario::LoadResult r = scenario::loadScenario(text.toStdString(), "x.json");
    if (!r.ok()) {
        std::string errors = "ERRORS:";
        for (const auto& d : r.errors) errors += "\n" + d.format();
        return errors;
    }
    return dump(*r.scenario);
}

const char* const kMinimal = R"({
  "version": 1,
  "title": "Two tasks",
  "resources": {
    "cache": {"kind": "mutex"}
  },
  "templates": {
    "main": [
      {"step": "spawn", "template": "worker", "count": 2},
      {"step": "join"}
    ],
    "worker": [
      {"step": "lock", "resource": "cache"},
      {"step": "sleep", "duration": "5ms"},
      {"step": "unlock", "resource": "cache"}
    ]
  },
  "start": [{"template": "main"}]
}
)";

}  // namespace

class BuilderTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_settingsDir;

    std::unique_ptr<MainWindow> openWindow(const QString& text = QString::fromUtf8(kMinimal)) {
        auto w = std::make_unique<MainWindow>();
        w->resize(1400, 900);
        w->show();
        w->editorPanel()->setDocument(text, QString());
        return w;
    }

    static QString text(MainWindow& w) { return w.editor()->toPlainText(); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_settingsDir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AsyncScopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("builder_tests"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        for (auto fmt : {QSettings::NativeFormat, QSettings::IniFormat})
            for (auto scope : {QSettings::UserScope, QSettings::SystemScope})
                QSettings::setPath(fmt, scope, m_settingsDir.path());
    }

    // Every built-in lesson, each of its items' forms written back from the
    // widgets (all fields, touched or not): the program that loads is the
    // same, in the scenario and in every variant.
    void everyBuiltinRoundTripsThroughTheBuilder() {
        auto w = openWindow();
        BuilderPanel* b = w->builder();
        for (const scenario::BuiltinScenario& lesson : scenario::builtinScenarios()) {
            const QString original =
                QString::fromUtf8(lesson.text.data(), static_cast<qsizetype>(lesson.text.size()));
            w->editorPanel()->setDocument(original, QString());
            QVERIFY(!b->locked());
            const std::string before = dumpText(original);
            QVERIFY2(before.rfind("ERRORS", 0) != 0, before.c_str());
            QStringList paths;
            for (QTreeWidgetItemIterator it(b->outline()); *it; ++it)
                paths << (*it)->data(0, Qt::UserRole + 3).toString();
            // A commit rebuilds the outline: select each item again by its path.
            for (const QString& path : paths) {
                QVERIFY2(b->select(path), qPrintable(path));
                b->commitForm(true);
            }
            const std::string after = dumpText(text(*w));
            QVERIFY2(after == before,
                     qPrintable(
                         QStringLiteral("%1 changed:\n%2\n---\n%3")
                             .arg(QString::fromUtf8(lesson.name.data(),
                                                    static_cast<qsizetype>(lesson.name.size())),
                                  QString::fromStdString(before), QString::fromStdString(after))));
            QVERIFY(paths.size() > 8);
        }
    }

    // Each command: the text changes, undo restores it exactly, redo makes
    // it again; the command has a readable name.
    void eachCommandUndoesAndRedoes() {
        auto w = openWindow();
        BuilderPanel* b = w->builder();
        QUndoStack* stack = w->editorPanel()->undoStack();
        struct Case {
            const char* select;
            std::function<bool()> run;
            QString name;
        };
        const std::vector<Case> cases = {
            {"templates.worker[1]", [&] { return b->addStep(QStringLiteral("yield")); },
             QStringLiteral("Add step 'yield' to 'worker'")},
            {"templates.worker[1]", [&] { return b->moveSelected(-1); },
             QStringLiteral("Move step 'sleep 5ms' up")},
            {"templates.worker[1]", [&] { return b->moveSelected(1); },
             QStringLiteral("Move step 'sleep 5ms' down")},
            {"templates.worker[1]", [&] { return b->duplicateSelected(); },
             QStringLiteral("Duplicate step 'sleep 5ms'")},
            {"templates.worker[1]", [&] { return b->deleteSelected(); },
             QStringLiteral("Delete step 'sleep 5ms'")},
            {"templates.worker[1]",
             [&] {
                 return b->setField(scenario::JsonPath{} / "templates" / "worker" / std::size_t{1},
                                    QStringLiteral("duration"), "\"20ms\"",
                                    QStringLiteral("sleep 5ms"));
             },
             QStringLiteral("Set duration of 'sleep 5ms' to \"20ms\"")},
            {"templates.worker[1]",
             [&] {
                 return b->moveStep(scenario::JsonPath{} / "templates" / "worker", 1,
                                    scenario::JsonPath{} / "templates" / "main", 0);
             },
             QStringLiteral("Move step 'sleep 5ms' to 'main'")},
            {"resources", [&] { return b->addResource(QStringLiteral("semaphore")); },
             QStringLiteral("Add resource 'semaphore'")},
            {"resources.cache", [&] { return b->renameSelected(QStringLiteral("db")); },
             QStringLiteral("Rename resource 'cache' to 'db'")},
            {"resources.cache", [&] { return b->deleteSelected(); },
             QStringLiteral("Delete resource 'cache'")},
            {"templates.worker", [&] { return b->renameSelected(QStringLiteral("reader")); },
             QStringLiteral("Rename template 'worker' to 'reader'")},
            {"templates", [&] { return b->addTemplate(); }, QStringLiteral("Add template 'task'")},
            {"templates.worker", [&] { return b->duplicateSelected(); },
             QStringLiteral("Duplicate 'worker' as 'worker-copy'")},
            {"start", [&] { return b->addStartEntry(); }, QStringLiteral("Add a start entry")},
            {"expectations", [&] { return b->addExpectation(QStringLiteral("steals")); },
             QStringLiteral("Add expectation 'steals'")},
            {"variants", [&] { return b->addVariant(); }, QStringLiteral("Add variant 'variant'")},
            {"config",
             [&] {
                 return b->setField(scenario::JsonPath{} / "config", QStringLiteral("workers"), "1",
                                    QStringLiteral("runtime settings"));
             },
             QStringLiteral("Set workers of 'runtime settings' to 1")},
        };
        for (const Case& c : cases) {
            w->editorPanel()->setDocument(QString::fromUtf8(kMinimal), QString());
            const QString before = text(*w);
            QVERIFY2(b->select(QString::fromLatin1(c.select)), c.select);
            QVERIFY2(c.run(), qPrintable(c.name));
            const QString after = text(*w);
            QVERIFY2(after != before, qPrintable(c.name));
            QCOMPARE(stack->count(), 1);
            QCOMPARE(stack->undoText(), c.name);
            QVERIFY(w->editor()->document()->isModified());
            stack->undo();
            QCOMPARE(text(*w), before);
            QVERIFY(!w->editor()->document()->isModified());  // back where it was saved
            stack->redo();
            QCOMPARE(text(*w), after);
        }
        // Adding to an empty scenario section creates it; a new step of a kind
        // that needs a resource takes one of the right kind.
        w->editorPanel()->setDocument(QString::fromUtf8(kMinimal), QString());
        QVERIFY(b->select(QStringLiteral("templates.main")));
        QVERIFY(b->addStep(QStringLiteral("lock")));
        QCOMPARE(b->selectedPath(), QStringLiteral("templates.main[2]"));
        QVERIFY(text(*w).contains(QStringLiteral(R"({"step": "join"},
      {"step": "lock", "resource": "cache"})")));
        // Only what changed changed: the rest of the text is as written.
        QVERIFY(text(*w).startsWith(QString::fromUtf8(kMinimal).left(200)));
    }

    // One history: typing in the Editor and Builder actions undo in order.
    void typingAndBuilderActionsShareOneHistory() {
        auto w = openWindow();
        BuilderPanel* b = w->builder();
        QUndoStack* stack = w->editorPanel()->undoStack();
        const QString original = text(*w);
        QTextCursor c = w->editor()->textCursor();
        c.setPosition(static_cast<int>(original.indexOf(QStringLiteral("Two tasks"))));
        w->editor()->setTextCursor(c);
        w->editor()->setFocus();
        QTest::keyClicks(w->editor(), QStringLiteral("My "));
        const QString typed = text(*w);
        QVERIFY(typed.contains(QStringLiteral("My Two tasks")));
        QCOMPARE(stack->count(), 1);  // the run of typing is one command
        QCOMPARE(stack->undoText(), QStringLiteral("Typing"));
        QTRY_VERIFY(b->select(QStringLiteral("templates.worker[2]")));
        QVERIFY(b->deleteSelected());
        QCOMPARE(stack->count(), 2);
        // Ctrl+Z in the text undoes the Builder's delete, then the typing.
        QTest::keyClick(w->editor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(text(*w), typed);
        QTest::keyClick(w->editor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(text(*w), original);
        QTest::keyClick(w->editor(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(text(*w), typed);
        // And the builder sees what the text says.
        QTRY_VERIFY(b->itemAt(QStringLiteral("templates.worker[2]")) != nullptr);
    }

    // Renaming a resource carries every reference; so does a template's,
    // with the tasks named after it; a taken name is refused.
    void renamingUpdatesEveryReference() {
        auto w = openWindow();
        BuilderPanel* b = w->builder();
        const std::string before = dumpText(text(*w));
        QVERIFY(b->select(QStringLiteral("resources.cache")));
        QVERIFY(b->renameSelected(QStringLiteral("store")));
        QVERIFY(!text(*w).contains(QStringLiteral("\"cache\"")));
        QCOMPARE(text(*w).count(QStringLiteral("\"store\"")), 3);  // the key, lock and unlock
        QCOMPARE(b->selectedPath(), QStringLiteral("resources.store"));
        std::string expected = before;
        for (std::size_t at; (at = expected.find("R cache")) != std::string::npos;)
            expected.replace(at, 7, "R store");
        QCOMPARE(dumpText(text(*w)), expected);

        // A template: its key, the spawn, and the join of its tasks by name.
        w->editorPanel()->setDocument(QString::fromUtf8(kMinimal).replace(
                                          QStringLiteral(R"({"step": "join"})"),
                                          QStringLiteral(R"({"step": "join", "task": "worker"})")),
                                      QString());
        QVERIFY(b->select(QStringLiteral("templates.worker")));
        QVERIFY(b->renameSelected(QStringLiteral("reader")));
        QVERIFY(!text(*w).contains(QStringLiteral("worker")));
        QCOMPARE(text(*w).count(QStringLiteral("\"reader\"")), 3);
        QVERIFY(scenario::loadScenario(text(*w).toStdString(), "x.json").ok());
        // Taken, or not a name: refused, nothing changes.
        const QString now = text(*w);
        QVERIFY(b->select(QStringLiteral("templates.reader")));
        QVERIFY(!b->renameSelected(QStringLiteral("main")));
        QVERIFY(!b->renameSelected(QStringLiteral("two words")));
        QCOMPARE(text(*w), now);
    }

    // A loader diagnostic shows on the step it points to (outline) and on
    // the field (form), and in Problems; fixing the field clears all three.
    void aDiagnosticLandsOnItsStepAndField() {
        auto w = openWindow();
        BuilderPanel* b = w->builder();
        QVERIFY(b->diagnostics().empty());
        const scenario::JsonPath sleep =
            scenario::JsonPath{} / "templates" / "worker" / std::size_t{1};
        QVERIFY(b->select(QStringLiteral("templates.worker[1]")));
        QVERIFY(b->setField(sleep, QStringLiteral("duration"), "\"5 parsecs\"",
                            QStringLiteral("sleep 5ms")));
        QCOMPARE(b->diagnostics().size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(b->diagnostics()[0].path),
                 QStringLiteral("templates.worker[1].duration"));
        QTreeWidgetItem* item = b->itemAt(QStringLiteral("templates.worker[1].duration"));
        QVERIFY(item);
        QCOMPARE(item->data(0, Qt::UserRole + 3).toString(), QStringLiteral("templates.worker[1]"));
        QVERIFY(item->toolTip(0).contains(QStringLiteral("duration")));
        QCOMPARE(item->foreground(0).color(), QColor(0xc0, 0x20, 0x20));
        // Its neighbours are not marked.
        QVERIFY(!b->itemAt(QStringLiteral("templates.worker[0]"))
                     ->toolTip(0)
                     .contains(QStringLiteral("parsecs")));
        QVERIFY(b->fieldError(QStringLiteral("duration")).contains(QStringLiteral("duration")));
        QVERIFY(b->fieldError(QStringLiteral("label")).isEmpty());
        QCOMPARE(w->problemsList()->model()->rowCount(), 1);
        // Fix it in the form: the spin box writes the field.
        auto* spin = qobject_cast<QDoubleSpinBox*>(b->fieldEditor(QStringLiteral("duration")));
        QVERIFY(spin);
        spin->setValue(7);
        QVERIFY(text(*w).contains(QStringLiteral(R"("duration": "7ms")")));
        QVERIFY(b->diagnostics().empty());
        QVERIFY(b->fieldError(QStringLiteral("duration")).isEmpty());
        QCOMPARE(w->problemsList()->model()->rowCount(), 0);
        QVERIFY(!b->itemAt(QStringLiteral("templates.worker[1]"))
                     ->toolTip(0)
                     .contains(QStringLiteral("parsecs")));
    }

    // Text that does not parse locks the Builder, with line and column,
    // until it is fixed.
    void invalidJsonLocksTheBuilder() {
        auto w = openWindow();
        BuilderPanel* b = w->builder();
        QString broken = QString::fromUtf8(kMinimal);
        broken.replace(QStringLiteral(R"("title": "Two tasks",)"),
                       QStringLiteral(R"("title": "Two tasks", // a comment)"));
        w->editorPanel()->setDocument(broken, QString());
        QVERIFY(b->locked());
        QVERIFY2(b->lockMessage().contains(QStringLiteral("line 3, column 25")),
                 qPrintable(b->lockMessage()));
        QVERIFY(!b->outline()->isEnabled());
        QVERIFY(!b->addTemplate());
        QCOMPARE(text(*w), broken);
        // Fixed by typing: unlocked once the typing pauses.
        QTextCursor c = w->editor()->textCursor();
        const int at = static_cast<int>(broken.indexOf(QStringLiteral(" // a comment")));
        c.setPosition(at);
        c.setPosition(at + 13, QTextCursor::KeepAnchor);
        c.removeSelectedText();
        QTRY_VERIFY(!b->locked());
        QVERIFY(b->outline()->isEnabled());
        QVERIFY(b->itemAt(QStringLiteral("templates.worker[2]")));
    }

    // A step dropped from the palette lands where it is dropped; a step
    // dragged within the outline moves there.
    void dropsFromThePaletteAndMovesByDragging() {
        auto w = openWindow();
        BuilderPanel* b = w->builder();
        QTreeWidget* tree = b->outline();
        auto drop = [&](const QString& mime, const QByteArray& payload, const QString& onto,
                        bool above) {
            QTreeWidgetItem* target = nullptr;
            for (QTreeWidgetItemIterator it(tree); *it; ++it)
                if ((*it)->data(0, Qt::UserRole + 3).toString() == onto) target = *it;
            if (!target) return false;
            tree->scrollToItem(target);
            const QRect r = tree->visualItemRect(target);
            const QPoint at(r.center().x(), above ? r.top() + 1 : r.bottom() - 1);
            auto* data = new QMimeData;
            data->setData(mime, payload);
            QDragEnterEvent enter(at, Qt::CopyAction | Qt::MoveAction, data, Qt::LeftButton,
                                  Qt::NoModifier);
            QApplication::sendEvent(tree->viewport(), &enter);
            QDragMoveEvent move(at, Qt::CopyAction | Qt::MoveAction, data, Qt::LeftButton,
                                Qt::NoModifier);
            QApplication::sendEvent(tree->viewport(), &move);
            if (!move.isAccepted()) return false;
            QDropEvent dropped(QPointF(at), Qt::CopyAction | Qt::MoveAction, data, Qt::LeftButton,
                               Qt::NoModifier);
            QApplication::sendEvent(tree->viewport(), &dropped);
            delete data;
            return true;
        };
        const QString before = text(*w);
        QVERIFY(drop(QStringLiteral("application/x-asyncscope-step-kind"), "yield",
                     QStringLiteral("templates.worker[1]"), true));
        QTRY_VERIFY(text(*w) != before);
        const scenario::JsonParseResult parsed =
            scenario::parseJsonDocument(text(*w).toStdString());
        const auto* step = scenario::nodeAt(
            parsed.root, scenario::JsonPath{} / "templates" / "worker" / std::size_t{1});
        QVERIFY(step && step->find("step")->string == "yield");
        QCOMPARE(w->editorPanel()->undoStack()->undoText(),
                 QStringLiteral("Add step 'yield' to 'worker'"));
        // Drag the unlock (now worker[3]) above the first step of main.
        const QString moved = text(*w);
        QVERIFY(drop(QStringLiteral("application/x-asyncscope-step-path"),
                     QByteArray("templates\x1fworker\x1f#3"), QStringLiteral("templates.main[0]"),
                     true));
        QTRY_VERIFY(text(*w) != moved);
        const auto root = scenario::parseJsonDocument(text(*w).toStdString()).root;
        QCOMPARE(scenario::nodeAt(
                     root, scenario::JsonPath{} / "templates" / "main" / std::size_t{0} / "step")
                     ->string,
                 std::string("unlock"));
        QCOMPARE(
            scenario::nodeAt(root, scenario::JsonPath{} / "templates" / "worker")->items.size(),
            std::size_t{3});
        QCOMPARE(w->editorPanel()->undoStack()->undoText(),
                 QStringLiteral("Move step 'unlock cache' to 'main'"));
        // Dropped on the palette's kinds, nothing else is accepted.
        QVERIFY(
            !drop(QStringLiteral("text/plain"), "x", QStringLiteral("templates.main[0]"), true));
    }

    // The README's walk-through, as a user does it: a two-task
    // lock-contention scenario built from empty in the Builder, run (the
    // two critical sections take turns), saved, and opened again.
    void theReadmeWalkThroughBuildsRunsAndSaves() {
        auto w = openWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        BuilderPanel* b = w->builder();
        QVERIFY(w->newScenarioFrom(QString()));
        // 1. A mutex called cache.
        QVERIFY(b->addResource(QStringLiteral("mutex")));
        QVERIFY(b->renameSelected(QStringLiteral("cache")));
        // 2. A template worker: lock, sleep 5 ms holding the guard, unlock.
        QVERIFY(b->addTemplate());
        QVERIFY(b->renameSelected(QStringLiteral("worker")));
        QVERIFY(b->select(QStringLiteral("templates.worker[0]")));
        QVERIFY(b->deleteSelected());
        QCOMPARE(b->selectedPath(), QStringLiteral("templates.worker"));
        QVERIFY(b->addStep(QStringLiteral("lock")));
        QVERIFY(b->select(QStringLiteral("templates.worker")));
        QVERIFY(b->addStep(QStringLiteral("sleep")));
        auto* duration = qobject_cast<QDoubleSpinBox*>(b->fieldEditor(QStringLiteral("duration")));
        QVERIFY(duration);
        duration->setValue(5);
        QVERIFY(b->addStep(QStringLiteral("unlock")));
        // 3. main spawns two of them and joins them.
        QVERIFY(b->select(QStringLiteral("templates.main[0]")));
        QVERIFY(b->deleteSelected());
        QVERIFY(b->addStep(QStringLiteral("spawn")));
        auto* count = qobject_cast<QSpinBox*>(b->fieldEditor(QStringLiteral("count")));
        QVERIFY(count);
        count->setValue(2);
        QVERIFY(b->addStep(QStringLiteral("join")));
        QVERIFY2(b->diagnostics().empty(),
                 b->diagnostics().empty() ? "" : b->diagnostics()[0].format().c_str());
        const QString built = text(*w);
        QVERIFY(built.contains(
            QStringLiteral(R"({"step": "spawn", "template": "worker", "count": 2})")));
        QVERIFY(built.contains(QStringLiteral(R"({"step": "sleep", "duration": "5ms"})")));
        // 4. Run: the second worker waits for the first's guard.
        w->setSlowdown(1);
        QVERIFY(w->runEditorText());
        w->session().run();
        QTRY_VERIFY_WITH_TIMEOUT(w->session().phase() == Session::Phase::Finished, 20000);
        QVERIFY(w->session().result()->end == scenario::RunEnd::Completed);
        QVERIFY(w->session().result()->elapsed >= std::chrono::milliseconds(10));
        // 5. Save: the file holds what was built, and opens again.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("two-workers.json"));
        QCOMPARE(w->saveEditorTo(file), QString());
        QVERIFY(!w->editor()->document()->isModified());
        QVERIFY(w->openScenario(file));
        QCOMPARE(text(*w), built);
        QVERIFY(b->itemAt(QStringLiteral("templates.worker[2]")));
    }

    // The form always shows the item selected, even when an action put
    // another item at its path; what is being typed in it is part of the
    // document (saved, run) before it is left; an action right after typing
    // in the text keeps the typing; plain keys in the Builder are its own.
    void theFormFollowsAndKeepsWhatIsTyped() {
        auto w = openWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->dock(QStringLiteral("BuilderDock"))->raise();
        BuilderPanel* b = w->builder();
        QVERIFY(b->select(QStringLiteral("templates.worker[0]")));
        QVERIFY(b->fieldEditor(QStringLiteral("resource")));
        QVERIFY(b->deleteSelected());  // the sleep is worker[0] now
        QCOMPARE(b->selectedPath(), QStringLiteral("templates.worker[0]"));
        QVERIFY(b->fieldEditor(QStringLiteral("duration")));
        QVERIFY(!b->fieldEditor(QStringLiteral("resource")));

        auto* label = qobject_cast<QLineEdit*>(b->fieldEditor(QStringLiteral("label")));
        QVERIFY(label);
        label->setFocus();
        QTest::keyClicks(label, QStringLiteral("flush"));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("x.json"));
        QCOMPARE(w->saveEditorTo(file), QString());  // without leaving the field
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains(R"({"step": "sleep", "duration": "5ms", "label": "flush"})"));
        QVERIFY(!w->editor()->document()->isModified());

        // Typed in the text, and at once a Builder action: both stay.
        QTextCursor c = w->editor()->textCursor();
        c.setPosition(static_cast<int>(text(*w).indexOf(QStringLiteral("Two tasks"))));
        c.insertText(QStringLiteral("My "));
        QVERIFY(b->addTemplate());
        QVERIFY(text(*w).contains(QStringLiteral("My Two tasks")));
        QVERIFY(text(*w).contains(QStringLiteral(R"("task": [)")));

        // Space and the arrows in the outline do not run or step the scenario.
        w->editorPanel()->setDocument(QString::fromUtf8(kMinimal), QString());
        QVERIFY(w->applyEditor());
        QVERIFY(b->select(QStringLiteral("templates.main")));
        b->outline()->currentItem()->setExpanded(false);
        b->outline()->setFocus();
        QTest::keyClick(b->outline(), Qt::Key_Right);
        QVERIFY(b->outline()->currentItem()->isExpanded());
        QTest::keyClick(b->outline(), Qt::Key_Space);
        QCOMPARE(static_cast<int>(w->session().phase()), static_cast<int>(Session::Phase::Ready));
    }

    // Renames keep what the scenario means: a variant's form shows its new
    // name, a template that names its own tasks is renamed, main's start
    // entry stays the #[tokio::main] body; new expectations load as added.
    void renamesAndNewItemsKeepTheScenarioValid() {
        auto w = openWindow();
        BuilderPanel* b = w->builder();
        QVERIFY(b->addVariant());
        QVERIFY(b->renameSelected(QStringLiteral("fast")));
        auto* name = qobject_cast<QLineEdit*>(b->fieldEditor(QStringLiteral("name")));
        QVERIFY(name);
        QCOMPARE(name->text(), QStringLiteral("fast"));

        w->editorPanel()->setDocument(
            QString::fromUtf8(kMinimal).replace(
                QStringLiteral(R"({"step": "unlock", "resource": "cache"})"),
                QStringLiteral(R"({"step": "unlock", "resource": "cache"},
      {"step": "cancel", "task": "worker#2"})")),
            QString());
        QVERIFY(b->select(QStringLiteral("templates.worker")));
        QVERIFY(b->renameSelected(QStringLiteral("reader")));
        QVERIFY(text(*w).contains(QStringLiteral(R"({"step": "cancel", "task": "reader#2"})")));
        QVERIFY(!text(*w).contains(QStringLiteral("worker")));

        w->editorPanel()->setDocument(QString::fromUtf8(kMinimal), QString());
        QVERIFY(b->select(QStringLiteral("templates.main")));
        QVERIFY(b->renameSelected(QStringLiteral("entry")));
        QVERIFY(text(*w).contains(QStringLiteral(R"({"template": "entry", "block_on": true})")));
        const scenario::LoadResult r = scenario::loadScenario(text(*w).toStdString(), "x.json");
        QVERIFY(r.ok());
        QVERIFY(r.scenario->base.start[0].blockOn);

        for (const char* kind : {"completes", "duration", "polls", "runs", "steals", "task",
                                 "blocked_worker", "finding", "no_finding"}) {
            w->editorPanel()->setDocument(QString::fromUtf8(kMinimal), QString());
            QVERIFY(b->addExpectation(QString::fromLatin1(kind)));
            const QString why = b->diagnostics().empty()
                                    ? QString()
                                    : QString::fromStdString(b->diagnostics()[0].format());
            QVERIFY2(why.isEmpty(),
                     qPrintable(QString::fromLatin1(kind) + QStringLiteral(": ") + why));
        }
    }

    // The keyboard: Ctrl+Up and Ctrl+Down move, Ctrl+D duplicates, Delete
    // deletes, on the selected step of the outline.
    void theKeyboardMovesDuplicatesAndDeletes() {
        auto w = openWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        BuilderPanel* b = w->builder();
        w->dock(QStringLiteral("BuilderDock"))->raise();
        QTreeWidget* tree = b->outline();
        QVERIFY(b->select(QStringLiteral("templates.worker[1]")));
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(b->selectedPath(), QStringLiteral("templates.worker[0]"));
        QVERIFY(text(*w).indexOf(QStringLiteral("\"sleep\"")) <
                text(*w).indexOf(QStringLiteral("\"lock\"")));
        QTest::keyClick(tree, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(b->selectedPath(), QStringLiteral("templates.worker[1]"));
        QCOMPARE(text(*w), QString::fromUtf8(kMinimal));
        QTest::keyClick(tree, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(b->selectedPath(), QStringLiteral("templates.worker[2]"));
        QCOMPARE(text(*w).count(QStringLiteral("\"sleep\"")), 2);
        QTest::keyClick(tree, Qt::Key_Delete);
        QCOMPARE(text(*w), QString::fromUtf8(kMinimal));
        // Undo from the outline too (the window's Edit ▸ Undo).
        QTest::keyClick(tree, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(text(*w).count(QStringLiteral("\"sleep\"")), 2);
    }
};

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    BuilderTest tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "builder_test.moc"
