// asyncscope: the desktop app.
//
//   asyncscope [SCENARIO|RECORDING] [--variant V] [--lang en|zh] [--at MS]
//   asyncscope --screenshot OUT.png [SCENARIO|RECORDING] [--at MS] [--size WxH]
//              [--presentation] [--colour-blind]
//
// SCENARIO is a file or the name of a built-in lesson (default: the tour); a
// RECORDING (.astrace) opens as a finished run, shown at --at (default: its
// end). --screenshot runs the scenario, pauses it at runtime time MS
// (default 400), writes the window to OUT.png and exits (works headless with
// QT_QPA_PLATFORM=offscreen).
#include "main_window.hpp"
#include "panels/builder_panel.hpp"
#include "runtime_view.hpp"

#include <asyncscope/scenario/library.hpp>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

using namespace asyncscope;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AsyncScope"));
    QApplication::setApplicationName(QStringLiteral("AsyncScope"));
    QApplication::setApplicationVersion(QStringLiteral(ASYNCSCOPE_VERSION));
    // Lets a Wayland desktop match the window to the installed menu entry
    // (its icon in the dock, the name in the switcher).
    QApplication::setDesktopFileName(QStringLiteral(ASYNCSCOPE_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/asyncscope.svg")));

    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Watch a Tokio-like async runtime work."));
    cli.addHelpOption();
    cli.addVersionOption();
    cli.addPositionalArgument(QStringLiteral("scenario"),
                              QStringLiteral("A scenario file or built-in lesson name."));
    QCommandLineOption variant(QStringLiteral("variant"), QStringLiteral("Variant to select."),
                               QStringLiteral("V"));
    QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Language: en or zh."),
                            QStringLiteral("LANG"));
    QCommandLineOption shot(QStringLiteral("screenshot"),
                            QStringLiteral("Write the window to FILE and exit."),
                            QStringLiteral("FILE"));
    QCommandLineOption at(QStringLiteral("at"),
                          QStringLiteral("The runtime time (ms) to show a recording at, or to "
                                         "take the screenshot at (default 400)."),
                          QStringLiteral("MS"));
    QCommandLineOption size(QStringLiteral("size"),
                            QStringLiteral("Window size for the screenshot."),
                            QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    QCommandLineOption present(QStringLiteral("presentation"),
                               QStringLiteral("Start in presentation mode (F12): large type, "
                                              "high contrast, the view, timeline and lesson."));
    QCommandLineOption colourBlind(QStringLiteral("colour-blind"),
                                   QStringLiteral("Use the colour-blind-safe palette."));
    QCommandLineOption panel(QStringLiteral("panel"),
                             QStringLiteral("Bring a panel to the front: library, lesson, guide, "
                                            "editor, builder, tasks, inspector, findings, "
                                            "breakpoints, problems, charts or timeline. With "
                                            "--screenshot, the picture is of that panel alone."),
                             QStringLiteral("NAME"));
    QCommandLineOption select(QStringLiteral("select"),
                              QStringLiteral("Select this item of the Builder's outline, as a "
                                             "JSON path (templates.main[0])."),
                              QStringLiteral("PATH"));
    cli.addOptions({variant, lang, shot, at, size, present, colourBlind, panel, select});
    cli.process(app);

    gui::MainWindow w;
    const bool screenshot = cli.isSet(shot);
    if (!screenshot) w.restoreSettings();
    if (cli.isSet(lang))
        w.setLanguage(cli.value(lang));
    else if (screenshot)
        w.setLanguage(QStringLiteral("en"));

    if (cli.isSet(colourBlind)) w.setColourBlind(true);

    QString target = cli.positionalArguments().value(0);
    if (target.isEmpty()) target = QString::fromLatin1(scenario::kDefaultScenario.data());
    bool ok = w.openScenario(target);
    if (ok && cli.isSet(variant) && !w.selectVariant(cli.value(variant))) {
        QStringList names{QStringLiteral("base")};
        for (const auto& v : w.session().scenario()->variants)
            names << QString::fromStdString(v.name);
        std::fprintf(stderr, "asyncscope: %s has no variant \"%s\" (variants: %s)\n",
                     qPrintable(target), qPrintable(cli.value(variant)),
                     qPrintable(names.join(QStringLiteral(", "))));
        ok = !screenshot;  // the window still opens on the base scenario
    }

    // A recording is a finished run: show it at --at.
    const bool recording = ok && w.session().phase() == gui::Session::Phase::Finished;
    if (!screenshot && cli.isSet(present)) w.setPresentation(true);
    // Unsaved work a crash left behind: asked about once the window is up.
    if (!screenshot) QTimer::singleShot(0, &w, [&w] { w.offerRestore(); });
    QDockWidget* shownPanel = nullptr;
    if (cli.isSet(panel)) {
        QString name = cli.value(panel);
        if (!name.isEmpty()) name[0] = name[0].toUpper();
        if (QDockWidget* d = w.dock(name + QStringLiteral("Dock"))) {
            d->show();
            d->raise();
            shownPanel = d;
        } else {
            std::fprintf(stderr, "asyncscope: no panel \"%s\"\n", qPrintable(cli.value(panel)));
        }
    }
    if (cli.isSet(select) && !w.builder()->select(cli.value(select)))
        std::fprintf(stderr, "asyncscope: the Builder has no item %s\n",
                     qPrintable(cli.value(select)));
    if (recording && cli.isSet(at))
        w.session().seek(static_cast<std::uint64_t>(std::max(0.0, cli.value(at).toDouble()) * 1e6));

    if (screenshot) {
        const QStringList wh = cli.value(size).split(QLatin1Char('x'));
        const QSize want(wh.value(0).toInt() > 0 ? wh.value(0).toInt() : 1600,
                         wh.value(1).toInt() > 0 ? wh.value(1).toInt() : 1000);
        w.resize(want);
        w.show();
        w.resize(want);    // showing may have grown it to fit the docks' first layout
        if (shownPanel) {  // the panel alone, at the size asked
            shownPanel->setFloating(true);
            shownPanel->resize(want);
        }
        if (cli.isSet(present)) w.setPresentation(true);
        // The charts, next to the task table, show the run over time too.
        if (QDockWidget* charts = w.dock(QStringLiteral("ChartsDock"))) charts->raise();
        if (!ok && !w.session().errors().isEmpty()) {
            std::fprintf(stderr, "asyncscope: %s\n",
                         qPrintable(w.session().errors().join(QLatin1Char('\n'))));
        }
        const double atMs = cli.isSet(at) ? cli.value(at).toDouble() : 400.0;
        const QString out = cli.value(shot);
        auto* poll = new QTimer(&w);
        int settle = -1;
        QObject::connect(poll, &QTimer::timeout, &w, [&, poll, want] {
            auto& s = w.session();
            if (settle < 0) {
                const bool reached = s.runtimeNow().count() >= atMs * 1e6;
                if (ok && !reached && s.phase() == gui::Session::Phase::Running) return;
                if (s.phase() == gui::Session::Phase::Running) s.pause();
                settle = 0;
                return;
            }
            if (++settle < 8) return;  // let the last events and frames arrive
            if (settle == 8) {
                // Show the inspector on a task that is being polled.
                for (const auto& wk : s.model().state().workers)
                    if (wk.running != trace::kNoTask) {
                        w.selectTask(wk.running.value());
                        break;
                    }
            }
            if (settle == 10) (shownPanel ? static_cast<QWidget*>(shownPanel) : &w)->resize(want);
            if (settle < 12) return;
            QImage img =
                (shownPanel ? shownPanel->widget() : static_cast<QWidget*>(&w))->grab().toImage();
            const bool saved = img.save(out);
            std::fprintf(saved ? stdout : stderr,
                         saved ? "wrote %s\n" : "asyncscope: cannot write %s\n", qPrintable(out));
            poll->stop();
            w.session().stop();
            QApplication::exit(saved && ok ? 0 : 1);
        });
        // Slow motion, so that the pause lands close to --at; a guided
        // lesson's moments would pause it before.
        w.setSlowdown(atMs < 50 ? 20 : 5);
        w.session().setGuided(false);
        if (ok && !recording) w.session().run();
        poll->start(10);
        return app.exec();
    }
    w.show();
    return app.exec();
}
