// asyncscope-cli render: the runtime view at one instant, or the timeline
// of a run over a range (--timeline), without a display.
//
// A scenario (a file or a built-in name) is run to its end on the engine
// (scenario::recordRun); a recording (.astrace) is loaded. Either way the
// finished run is shown at --at through the visual core's renderInstant(),
// or over [--from, --to] through renderTimeline(): the code the window's
// exports use, so the same recording is the same picture in both. Qt runs on
// the offscreen platform.
#include "render_cmd.hpp"

#include "args.hpp"
#include "scenario_arg.hpp"

#include <render.hpp>

#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <QFontDatabase>
#include <QGuiApplication>
#include <QTranslator>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

namespace asyncscope::cli {

namespace {

using namespace asyncscope::scenario;

const CommandSpec& renderSpec() {
    static const CommandSpec spec{
        .path = "render",
        .synopsis = "SCENARIO|FILE.json|FILE.astrace [options]",
        .description =
            "Draw the runtime view at one instant of a run, as the window draws it: workers with "
            "their queues and LIFO slots, the global queue, the blocking pool, timers and "
            "resources. With --timeline, draw the run over time instead: a lane per worker with "
            "each poll in its task's colour and the time it was parked, a lane per blocking "
            "thread, wakes and steals as arrows, the findings on the time axis, and a legend. "
            "A scenario (a file or the NAME of a built-in one) is run to its end "
            "first; a recording (.astrace, from 'run --record' or the app) is drawn as recorded. "
            "Needs no display.",
        .options =
            {
                {"at", "TIME",
                 "the instant: a duration like 12ms, 250us or 1.5s, or a number of "
                 "milliseconds; with --timeline, where the cursor is drawn",
                 "the end of the run; with --timeline, no cursor"},
                {"timeline", nullptr,
                 "draw the timeline of the run (lanes over time) rather than one instant"},
                {"from", "TIME", "with --timeline: the start of the range shown, as --at", "0"},
                {"to", "TIME", "with --timeline: the end of the range shown, as --at",
                 "the end of the run"},
                {"out", "FILE", "the picture: .png, .svg or .pdf",
                 "NAME.png; with --timeline NAME-timeline.png"},
                {"width", "W", "the view's width in pixels, 320 to 7680", "1600"},
                {"height", "H", "the view's height in pixels, 240 to 4320",
                 "1000; with --timeline, tall enough for every lane"},
                {"scale", "X",
                 "the view's zoom, as Ctrl+= in the app (1.5 to 2 for a projector), 0.5 to 4", "1"},
                {"pixel-ratio", "R", "PNG pixels per view pixel, 1 to 4",
                 "2; with --timeline 1 (the PNG is --width pixels wide)"},
                {"variant", "V", "run the scenario's variant V", "the base"},
                {"workers", "N", "worker threads, a whole number from 1 to 64",
                 "the scenario's config.workers"},
                {"flavor", "F", "the scheduler: multi_thread or current_thread",
                 "the scenario's config.flavor"},
                {"main", "block_on|worker",
                 "where the #[tokio::main] body runs: on its own block_on thread (as Tokio does; "
                 "its spawns go to the global queue) or as an ordinary task on a worker",
                 "the scenario's start entries"},
                {"clock", "real|virtual",
                 "virtual: every duration exact and the host's speed invisible (time jumps to the "
                 "next deadline once nothing can run); real: the wall clock",
                 "the scenario's config.clock"},
                {"lang", "en|zh", "the language of the picture's words", "en"},
            },
        .exitCodes =
            {
                {0, "the picture was written"},
                {2,
                 "usage error, unreadable file, unknown scenario or variant, no font for "
                 "Chinese, or the picture could not be written"},
                {3, "the scenario is invalid: its errors are printed and it is not run"},
            },
        .notes =
            "A run of a scenario differs from run to run (real threads, the real clock); "
            "to draw one run at several instants, record it once ('run --record "
            "R.astrace') and render R.astrace. Example: render tour --timeline --from 10ms "
            "--to 40ms --out t.png --width 3840.",
        .minArgs = 1,
        .maxArgs = 1,
        .missingArgs = "render needs a scenario FILE, the NAME of a built-in one, or a recording",
    };
    return spec;
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A ranged number option into `out`; an error message when it is wrong.
std::optional<std::string> number(const Args& args, const char* name, double lo, double hi,
                                  double& out) {
    const auto v = args.value(name);
    if (!v) return std::nullopt;
    double x;
    if (!parseNumber(*v, x) || !(x >= lo && x <= hi))
        return "--" + std::string(name) + " takes a number from " + std::to_string(int(lo)) +
               " to " + std::to_string(int(hi)) + ", found '" + *v + "'";
    out = x;
    return std::nullopt;
}

}  // namespace

int runRenderCommand(int argc, char** argv) {
    Args args(renderSpec(), argc, argv);
    if (args.finished()) return args.exitCode();
    const std::string target = args.positional().front();

    core::RenderRequest request;
    double width = 1600, height = 1000, scale = 1, ratio = 2;
    for (auto [name, lo, hi, out] :
         {std::tuple{"width", 320.0, 7680.0, &width}, std::tuple{"height", 240.0, 4320.0, &height},
          std::tuple{"scale", 0.5, 4.0, &scale}, std::tuple{"pixel-ratio", 1.0, 4.0, &ratio}})
        if (auto why = number(args, name, lo, hi, *out)) return args.fail(*why);
    request.size = QSize(static_cast<int>(width), static_cast<int>(height));
    request.scale = scale;
    request.pixelRatio = ratio;
    const bool timeline = args.has("timeline");
    // A time option as runtime ns; false (and the error printed) when it is wrong.
    auto timeOption = [&](const char* name, std::optional<std::uint64_t>& out) {
        const auto v = args.value(name);
        if (!v) return true;
        double ms;
        if (auto ns = parseDuration(*v); ns && *ns >= 0)
            out = static_cast<std::uint64_t>(*ns);
        else if (parseNumber(*v, ms) && ms >= 0 && ms <= 3.6e6)
            out = static_cast<std::uint64_t>(ms * 1e6);
        else
            return false;
        return true;
    };
    std::optional<std::uint64_t> at, from, to;
    for (auto [name, out] : {std::pair{"at", &at}, std::pair{"from", &from}, std::pair{"to", &to}})
        if (!timeOption(name, *out))
            return args.fail("--" + std::string(name) +
                             " takes a duration like 12ms, 250us or 1.5s (or milliseconds), "
                             "found '" +
                             *args.value(name) + "'");
    if ((from || to) && !timeline) return args.fail("--from and --to apply to --timeline");
    if (from && to && *from >= *to)
        return args.fail("--from (" + *args.value("from") + ") must be before --to (" +
                         *args.value("to") + ")");
    std::string lang = args.value("lang").value_or("en");
    if (lang != "en" && lang != "zh") return args.fail("--lang takes en or zh");
    RunOverrides overrides;
    if (auto why = readRuntimeOverrides(args, overrides)) return args.fail(*why);
    std::error_code ec;
    if (std::filesystem::is_directory(target, ec)) {
        std::fprintf(stderr,
                     "asyncscope-cli render: %s is a folder; give a scenario file, a built-in "
                     "scenario's name or a recording (.astrace)\n",
                     target.c_str());
        return 2;
    }
    const bool recording = endsWith(target, ".astrace");
    if (recording && (args.has("variant") || args.has("workers") || args.has("flavor") ||
                      args.has("clock") || args.has("main")))
        return args.fail(
            "--variant, --workers, --flavor, --clock and --main apply to a scenario, not to a "
            "recording");
    std::string out = args.value("out").value_or("");
    if (out.empty()) {
        out = std::filesystem::path(target).filename().string();
        if (endsWith(out, ".json") || endsWith(out, ".astrace"))
            out = std::filesystem::path(out).stem().string();
        out += timeline ? "-timeline.png" : ".png";
    }
    if (std::filesystem::is_directory(out, ec))
        return args.fail("--out takes a file name; " + out + " is a folder");

    // Qt without a display: the offscreen platform, unless one was chosen.
    // Its notes about the session's environment (no XDG_RUNTIME_DIR on a
    // server) are not the user's business; warnings about drawing are.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& msg) {
        if (type == QtDebugMsg || type == QtInfoMsg ||
            msg.startsWith(QLatin1String("QStandardPaths:")))
            return;
        std::fprintf(stderr, "asyncscope-cli render: %s\n", qPrintable(msg));
    });
    int qtArgc = 1;
    char qtName[] = "asyncscope-cli";
    char* qtArgv[] = {qtName, nullptr};
    QGuiApplication app(qtArgc, qtArgv);
    QTranslator translator;
    if (lang == "zh") {
        if (QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty()) {
            std::fprintf(stderr,
                         "asyncscope-cli render: no font with Chinese characters was found; "
                         "install one (on Debian: apt-get install fonts-wqy-microhei)\n");
            return 2;
        }
        if (translator.load(QStringLiteral(":/i18n/asyncscope_zh_CN.qm")))
            QCoreApplication::installTranslator(&translator);
    }

    RecordedRun run;
    QString title;
    if (recording) {
        trace::LoadResult loaded = trace::loadTrace(target);
        if (!loaded.trace) {
            std::fprintf(stderr, "asyncscope-cli render: %s\n", loaded.error.c_str());
            return 2;
        }
        run = recordedRunOf(std::move(*loaded.trace));
        title = QString::fromStdString(run.trace.info().title);
    } else {
        LoadResult loaded;
        if (std::optional<int> code = loadScenarioArg(target, "render", loaded)) return *code;
        const Scenario& sc = *loaded.scenario;
        const std::string variant = args.value("variant").value_or("");
        const Program* program = sc.program(variant);
        if (!program) {
            std::fprintf(stderr, "asyncscope-cli render: scenario '%s' has no variant '%s'\n",
                         sc.name.c_str(), variant.c_str());
            return 2;
        }
        // The title the window shows for this scenario.
        title = QString::fromStdString(sc.title.in(lang));
        RecordOptions o;
        o.overrides = overrides;
        o.title = title.toStdString();
        run = recordRun(*program, o);
    }
    const std::uint64_t end = static_cast<std::uint64_t>(run.result.elapsed.count());
    if (timeline) {
        core::TimelineRenderRequest t;
        t.from = from.value_or(0);
        t.to = to.value_or(std::max<std::uint64_t>(end, 1));
        if (*t.from >= *t.to) {
            char endText[32];
            std::snprintf(endText, sizeof endText, "%.3f ms", static_cast<double>(end) / 1e6);
            return args.fail("--from (" + *args.value("from") +
                             ") must be before the end of the run (" + endText + ")");
        }
        t.cursor = at;
        t.title = core::timelineTitle(title, run.trace.info());
        t.out = QString::fromStdString(out);
        t.width = static_cast<int>(width);
        t.height = args.has("height") ? static_cast<int>(height) : 0;
        t.scale = scale;
        t.pixelRatio = args.has("pixel-ratio") ? ratio : 1.0;
        t.chinese = lang == "zh";
        const QString error = core::renderTimeline(run, t);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "asyncscope-cli render: %s\n", qPrintable(error));
            return 2;
        }
        std::printf("wrote %s (%s, timeline from %.3f ms to %.3f ms of %.3f ms)\n", out.c_str(),
                    qPrintable(title), static_cast<double>(*t.from) / 1e6,
                    static_cast<double>(*t.to) / 1e6, static_cast<double>(end) / 1e6);
        return 0;
    }
    request.at = at ? std::min(*at, end) : end;
    request.title = title;
    request.out = QString::fromStdString(out);
    const QString error = core::renderInstant(run, request);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "asyncscope-cli render: %s\n", qPrintable(error));
        return 2;
    }
    std::printf("wrote %s (%s at %.3f ms of %.3f ms)\n", out.c_str(), qPrintable(title),
                static_cast<double>(request.at) / 1e6, static_cast<double>(end) / 1e6);
    return 0;
}

}  // namespace asyncscope::cli
