// Tests of the panels' models and of the panels' signals (Qt Test, offscreen
// platform, no main window): the library tree and its search filter, the
// problems list with its diagnostics' places, the findings list. Every model
// runs under QAbstractItemModelTester, which checks the model contract on
// each change, and the tests assert the data the user sees.
#include "models/findings_model.hpp"
#include "models/library_model.hpp"
#include "models/problems_model.hpp"
#include "panels/findings_panel.hpp"
#include "panels/library_panel.hpp"
#include "panels/problems_panel.hpp"

#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBrush>
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <vector>

using namespace asyncscope;
using gui::FindingsModel;
using gui::LibraryModel;
using gui::ProblemsModel;

namespace {

struct BuiltinInfo {
    QString name, category, titleEn, titleZh, difficulty;
};

// What the library should list: every built-in that loads, straight from the engine.
std::vector<BuiltinInfo> builtins() {
    std::vector<BuiltinInfo> out;
    for (const scenario::BuiltinScenario& b : scenario::builtinScenarios()) {
        scenario::LoadResult r = scenario::loadBuiltin(b);
        if (!r.ok()) continue;
        const scenario::Scenario& s = *r.scenario;
        out.push_back({QString::fromStdString(s.name), QString::fromStdString(s.category),
                       QString::fromStdString(s.title.en), QString::fromStdString(s.title.zh),
                       QString::fromStdString(s.difficulty)});
    }
    return out;
}

// The names of the leaves `m` shows, in order.
QStringList leafNames(const QAbstractItemModel& m) {
    QStringList names;
    for (int c = 0; c < m.rowCount(); ++c) {
        const QModelIndex cat = m.index(c, 0);
        for (int r = 0; r < m.rowCount(cat); ++r)
            names << m.index(r, 0, cat).data(LibraryModel::NameRole).toString();
    }
    return names;
}

scenario::Diagnostic diagnostic(std::string file, std::uint32_t line, std::uint32_t column,
                                std::string path, std::string message) {
    scenario::Diagnostic d;
    d.file = std::move(file);
    d.pos.line = line;
    d.pos.column = column;
    d.path = std::move(path);
    d.message = std::move(message);
    return d;
}

trace::Finding finding(trace::FindingKind kind, std::vector<std::uint32_t> tasks, const char* en,
                       const char* zh) {
    trace::Finding f;
    f.kind = kind;
    f.tasks = std::move(tasks);
    f.title = {en, zh};
    f.what = {std::string("what: a < b, ") + en, std::string("发生了什么：") + zh};
    f.why = {"why", "为什么"};
    f.fix = {"fix", "怎么改"};
    return f;
}

constexpr auto kReport = QAbstractItemModelTester::FailureReportingMode::QtTest;

}  // namespace

class PanelsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The library: one category row per category, in the order the library
    // first mentions it, and under it that category's scenarios.
    void libraryListsEveryBuiltin() {
        LibraryModel model;
        QAbstractItemModelTester tester(&model, kReport);
        const std::vector<BuiltinInfo> expected = builtins();
        QVERIFY(expected.size() > 10);
        QStringList categories;
        for (const BuiltinInfo& b : expected)
            if (!categories.contains(b.category)) categories << b.category;
        QCOMPARE(model.rowCount(), static_cast<int>(categories.size()));
        QCOMPARE(model.columnCount(), 1);

        int leaves = 0;
        for (int c = 0; c < model.rowCount(); ++c) {
            const QModelIndex cat = model.index(c, 0);
            QVERIFY(!cat.parent().isValid());
            QVERIFY(!cat.data(LibraryModel::NameRole).isValid());
            QVERIFY(cat.data(Qt::FontRole).value<QFont>().bold());
            QCOMPARE(model.flags(cat) & Qt::ItemIsSelectable, Qt::ItemFlags());
            for (int r = 0; r < model.rowCount(cat); ++r) {
                const QModelIndex leaf = model.index(r, 0, cat);
                QCOMPARE(leaf.parent(), cat);
                QCOMPARE(model.rowCount(leaf), 0);
                QVERIFY(model.flags(leaf) & Qt::ItemIsSelectable);
                const QString name = leaf.data(LibraryModel::NameRole).toString();
                auto it = std::find_if(expected.begin(), expected.end(),
                                       [&](const BuiltinInfo& b) { return b.name == name; });
                QVERIFY2(it != expected.end(), qPrintable(name));
                QCOMPARE(it->category, categories[c]);
                QCOMPARE(leaf.data().toString(), it->titleEn);
                const QString tip = leaf.data(Qt::ToolTipRole).toString();
                QVERIFY2(tip.contains(QStringLiteral("(%1)").arg(it->difficulty)), qPrintable(tip));
                const QString search = leaf.data(LibraryModel::SearchRole).toString();
                QVERIFY(search.contains(it->titleEn) && search.contains(it->titleZh));
                ++leaves;
            }
        }
        QCOMPARE(leaves, static_cast<int>(expected.size()));

        // Real titles, as the user reads them (English UI, no translator).
        const QModelIndex tour = model.indexOfScenario(QStringLiteral("tour"));
        QVERIFY(tour.isValid());
        QCOMPARE(tour.data(LibraryModel::NameRole).toString(), QStringLiteral("tour"));
        const QModelIndex deadlock =
            model.indexOfScenario(QStringLiteral("lock-ordering-deadlock"));
        QCOMPARE(deadlock.data().toString(),
                 QStringLiteral("Lock ordering: two mutexes, two orders, one deadlock"));
        QCOMPARE(deadlock.parent().data().toString(), QStringLiteral("Locks and shared state"));
        QVERIFY(!model.indexOfScenario(QStringLiteral("no-such-lesson")).isValid());
    }

    void librarySwitchesLanguage() {
        LibraryModel model;
        QAbstractItemModelTester tester(&model, kReport);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setLanguage(QStringLiteral("zh"));
        QCOMPARE(model.language(), QStringLiteral("zh"));
        // The categories, then each category's scenarios.
        QCOMPARE(changed.count(), 1 + model.rowCount());
        const QModelIndex deadlock =
            model.indexOfScenario(QStringLiteral("lock-ordering-deadlock"));
        QCOMPARE(deadlock.data().toString(),
                 QStringLiteral("加锁顺序：两把锁、两种顺序、一个死锁"));
        for (const BuiltinInfo& b : builtins())
            QCOMPARE(model.indexOfScenario(b.name).data().toString(),
                     b.titleZh.isEmpty() ? b.titleEn : b.titleZh);
        model.setLanguage(QStringLiteral("en"));
        QCOMPARE(deadlock.data().toString(),
                 QStringLiteral("Lock ordering: two mutexes, two orders, one deadlock"));
    }

    // The search: a scenario shows when its name, category, title or
    // description in either language contains the text (any case); a
    // category shows while one of its scenarios does.
    void librarySearch_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("mustShow");
        QTest::addColumn<bool>("exactly");  // mustShow is all that shows
        const QString deadlock = QStringLiteral("lock-ordering-deadlock");
        QTest::newRow("everything") << QString() << QStringList{QStringLiteral("tour")} << false;
        QTest::newRow("chinese title")
            << QStringLiteral("加锁顺序") << QStringList{deadlock} << true;
        QTest::newRow("english title, other case")
            << QStringLiteral("TWO MUTEXES") << QStringList{deadlock} << true;
        QTest::newRow("name") << QStringLiteral("work-stealing")
                              << QStringList{QStringLiteral("work-stealing")} << false;
        QTest::newRow("chinese word") << QStringLiteral("死锁") << QStringList{deadlock} << false;
        QTest::newRow("category key")
            << QStringLiteral("pitfalls") << QStringList{QStringLiteral("lost-wakeup")} << false;
        QTest::newRow("nothing") << QStringLiteral("no lesson is called this") << QStringList()
                                 << true;
    }
    void librarySearch() {
        QFETCH(QString, text);
        QFETCH(QStringList, mustShow);
        QFETCH(bool, exactly);
        LibraryModel model;
        gui::LibraryFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, kReport);
        filter.setFilterFixedString(text);

        QStringList matching;
        QSet<int> categoriesWithMatches;
        for (int c = 0; c < model.rowCount(); ++c) {
            const QModelIndex cat = model.index(c, 0);
            for (int r = 0; r < model.rowCount(cat); ++r) {
                const QModelIndex leaf = model.index(r, 0, cat);
                if (leaf.data(LibraryModel::SearchRole)
                        .toString()
                        .contains(text, Qt::CaseInsensitive)) {
                    matching << leaf.data(LibraryModel::NameRole).toString();
                    categoriesWithMatches.insert(c);
                }
            }
        }
        QCOMPARE(leafNames(filter), matching);
        QCOMPARE(filter.rowCount(), static_cast<int>(categoriesWithMatches.size()));
        for (const QString& name : mustShow) QVERIFY2(matching.contains(name), qPrintable(name));
        if (exactly) QCOMPARE(matching, mustShow);
        if (text.isEmpty()) QCOMPARE(matching.size(), static_cast<int>(builtins().size()));
    }

    void libraryPanelActivatesLessons() {
        gui::LibraryPanel panel;
        panel.retranslate(QStringLiteral("en"));
        panel.resize(300, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QStringList opened;
        connect(&panel, &gui::LibraryPanel::scenarioActivated, this,
                [&](const QString& name) { opened << name; });
        panel.searchBox()->setText(QStringLiteral("加锁顺序"));
        QTreeView* view = panel.view();
        QCOMPARE(view->model()->rowCount(), 1);
        const QModelIndex category = view->model()->index(0, 0);
        QVERIFY(view->isExpanded(category));
        Q_EMIT view->activated(category);  // a heading opens nothing
        QVERIFY(opened.isEmpty());
        const QModelIndex lesson = view->model()->index(0, 0, category);
        view->setCurrentIndex(lesson);
        QTest::keyClick(view, Qt::Key_Return);  // as the user opens it from the keyboard
        QCOMPARE(opened, QStringList{QStringLiteral("lock-ordering-deadlock")});
    }

    // Problems: the loader's diagnostics, with their places as numbers.
    void problemsFromLoader() {
        ProblemsModel model;
        QAbstractItemModelTester tester(&model, kReport);
        QCOMPARE(model.rowCount(), 0);
        scenario::LoadResult r =
            scenario::loadScenario("{\n  \"version\": 1,\n  \"title\": @\n}\n", "bad.json");
        QVERIFY(!r.ok());
        const std::size_t n = r.errors.size();
        QVERIFY(n >= 1);
        const std::string first = r.errors.front().format();
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setDiagnostics(std::move(r.errors));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), static_cast<int>(n));
        const QModelIndex row = model.index(0, 0);
        QCOMPARE(row.data().toString(), QString::fromStdString(first));
        QVERIFY2(row.data().toString().startsWith(QLatin1String("bad.json:3:12: error:")),
                 qPrintable(row.data().toString()));
        QCOMPARE(row.data(ProblemsModel::FileRole).toString(), QStringLiteral("bad.json"));
        QCOMPARE(row.data(ProblemsModel::LineRole).toInt(), 3);
        QCOMPARE(row.data(ProblemsModel::ColumnRole).toInt(), 12);
        QVERIFY(row.data(ProblemsModel::MessageRole)
                    .toString()
                    .contains(QLatin1String("expected a value, found '@'")));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void problemsRoles() {
        ProblemsModel model;
        QAbstractItemModelTester tester(&model, kReport);
        model.setDiagnostics({diagnostic("a.json", 7, 5, "templates.main[2].duration",
                                         "expected a duration such as \"5ms\""),
                              diagnostic("b.json", 0, 0, "", "cannot read the file")});
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex a = model.index(0, 0), b = model.index(1, 0);
        QCOMPARE(a.data().toString(),
                 QStringLiteral("a.json:7:5: error: templates.main[2].duration: expected a "
                                "duration such as \"5ms\""));
        QCOMPARE(a.data(ProblemsModel::PathRole).toString(),
                 QStringLiteral("templates.main[2].duration"));
        QCOMPARE(a.data(ProblemsModel::LineRole).toInt(), 7);
        QCOMPARE(a.data(ProblemsModel::ColumnRole).toInt(), 5);
        QCOMPARE(b.data().toString(), QStringLiteral("b.json: error: cannot read the file"));
        QCOMPARE(b.data(ProblemsModel::LineRole).toInt(), 0);
        QCOMPARE(b.data(ProblemsModel::ColumnRole).toInt(), 0);
        QCOMPARE(model.diagnostics().size(), std::size_t{2});
    }

    void problemsPanelRequestsJumps() {
        gui::ProblemsPanel panel;
        panel.setDiagnostics({diagnostic("a.json", 7, 5, "version", "expected a number"),
                              diagnostic("b.json", 0, 0, "", "cannot read the file")});
        panel.resize(500, 200);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy jumps(&panel, &gui::ProblemsPanel::jumpRequested);
        QTest::mouseClick(panel.viewport(), Qt::LeftButton, Qt::NoModifier,
                          panel.visualRect(panel.model()->index(0, 0)).center());
        QVERIFY(jumps.count() >= 1);  // clicked, and activated where one click activates
        QCOMPARE(jumps.last().at(0).toInt(), 7);
        QCOMPARE(jumps.last().at(1).toInt(), 5);
        jumps.clear();
        // No place, nowhere to jump.
        QTest::mouseClick(panel.viewport(), Qt::LeftButton, Qt::NoModifier,
                          panel.visualRect(panel.model()->index(1, 0)).center());
        QCOMPARE(jumps.count(), 0);
        panel.clear();
        QCOMPARE(panel.model()->rowCount(), 0);
    }

    // Findings: one row per finding, in the UI's language.
    void findingsRows() {
        FindingsModel model;
        QAbstractItemModelTester tester(&model, kReport);
        QCOMPARE(model.rowCount(), 0);
        model.setFindings({finding(trace::FindingKind::Deadlock, {3, 4}, "Deadlock", "死锁"),
                           finding(trace::FindingKind::SelfWakeHeavy, {5}, "Self-wakes", "自唤醒")},
                          true);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex dead = model.index(0, 0), self = model.index(1, 0);
        QCOMPARE(dead.data().toString(), QStringLiteral("Deadlock"));
        QCOMPARE(self.data().toString(), QStringLiteral("Self-wakes"));
        const QString tip = dead.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("<b>Deadlock</b>")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("what: a &lt; b, Deadlock")), qPrintable(tip));
        QVERIFY(tip.contains(QLatin1String("<i>fix</i>")));
        QCOMPARE(dead.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xa0, 0x10, 0x10));
        QCOMPARE(self.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0x55, 0x55, 0x55));
        QCOMPARE(dead.data(FindingsModel::InformationalRole).toBool(), false);
        QCOMPARE(self.data(FindingsModel::InformationalRole).toBool(), true);
        QCOMPARE(dead.data(FindingsModel::TasksRole).toList(), (QVariantList{3u, 4u}));
        QVERIFY(model.finding(1) && model.finding(1)->kind == trace::FindingKind::SelfWakeHeavy);
        QVERIFY(!model.finding(2));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setLanguage(QStringLiteral("zh"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(dead.data().toString(), QStringLiteral("死锁"));
        QVERIFY(dead.data(Qt::ToolTipRole).toString().contains(QStringLiteral("发生了什么：死锁")));
        // New findings keep the language.
        model.setFindings({finding(trace::FindingKind::Stall, {1}, "Stall", "停滞")}, true);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("停滞"));
    }

    void findingsNoneFound() {
        FindingsModel model;
        QAbstractItemModelTester tester(&model, kReport);
        model.setFindings({}, false);  // before a run ends: nothing to say
        QCOMPARE(model.rowCount(), 0);
        model.setFindings({}, true);  // a finished run found nothing: say so
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("No problems found."));
        QVERIFY(!model.finding(0));
        QVERIFY(!model.index(0, 0).data(FindingsModel::TasksRole).isValid());
    }

    void findingsPanelSelectsTasks() {
        gui::FindingsPanel panel;
        std::vector<std::vector<std::uint32_t>> selected;
        connect(&panel, &gui::FindingsPanel::findingSelected, this,
                [&](const std::vector<std::uint32_t>& tasks) { selected.push_back(tasks); });
        panel.findings()->setFindings(
            {finding(trace::FindingKind::Deadlock, {3, 4}, "Deadlock", "死锁"),
             finding(trace::FindingKind::LostWaker, {7}, "Lost waker", "丢失的唤醒")},
            true);
        panel.setCurrentIndex(panel.model()->index(1, 0));
        panel.setCurrentIndex(panel.model()->index(0, 0));
        QCOMPARE(selected.size(), std::size_t{2});
        QCOMPARE(selected[0], (std::vector<std::uint32_t>{7}));
        QCOMPARE(selected[1], (std::vector<std::uint32_t>{3, 4}));
        // A finding about several tasks expands, one row per task; picking
        // one selects that task alone.
        const QModelIndex dead = panel.model()->index(0, 0);
        QCOMPARE(panel.model()->rowCount(dead), 2);
        QCOMPARE(panel.model()->rowCount(panel.model()->index(1, 0)), 0);
        panel.setCurrentIndex(panel.model()->index(1, 0, dead));
        QCOMPARE(selected.size(), std::size_t{3});
        QCOMPARE(selected[2], (std::vector<std::uint32_t>{4}));
        panel.findings()->setFindings({}, true);
        panel.setCurrentIndex(panel.model()->index(0, 0));  // "No problems found."
        QCOMPARE(selected.size(), std::size_t{3});
    }

    void findingsGroupsExpandIntoTheirTasks() {
        FindingsModel model;
        QAbstractItemModelTester tester(&model, kReport);
        model.setTaskNames([](std::uint32_t t) { return QStringLiteral("conn#%1").arg(t); });
        model.setFindings(
            {finding(trace::FindingKind::Starvation, {11, 12, 13}, "Starvation: 3", "饥饿：3")},
            true);
        const QModelIndex group = model.index(0, 0);
        QCOMPARE(model.rowCount(group), 3);
        const QModelIndex second = model.index(1, 0, group);
        QCOMPARE(second.data().toString(), QStringLiteral("conn#12"));
        QCOMPARE(second.parent(), group);
        QCOMPARE(second.data(FindingsModel::TasksRole).toList(), (QVariantList{12u}));
        QCOMPARE(second.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xa0, 0x10, 0x10));
        QCOMPARE(model.findingAt(second), model.finding(0));
        QVERIFY(!model.index(0, 0, second).isValid());  // two levels only
    }
};

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    PanelsTest tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "panels_test.moc"
