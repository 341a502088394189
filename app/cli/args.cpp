#include "args.hpp"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QHash>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace asyncscope::cli {

namespace {

constexpr std::size_t kWidth = 80;
constexpr std::size_t kMaxColumn = 26;  // where option and verb texts start, at most

std::string commandName(const char* path) {
    return path && *path ? std::string("asyncscope-cli ") + path : std::string("asyncscope-cli");
}

// Appends `text` wrapped at kWidth columns; continuation lines (and the
// lines after a '\n' in the text) start at column `indent`; the current line
// already holds `used` characters.
void appendWrapped(std::string& out, const std::string& text, std::size_t indent,
                   std::size_t used) {
    std::size_t col = used;
    bool lineStart = true;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '\n') {
            out += '\n';
            out.append(indent, ' ');
            col = indent;
            lineStart = true;
            ++i;
            continue;
        }
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
        const std::size_t len = end - i;
        if (!lineStart && col + 1 + len > kWidth) {
            out += '\n';
            out.append(indent, ' ');
            col = indent;
            lineStart = true;
        }
        if (!lineStart) {
            out += ' ';
            ++col;
        }
        out.append(text, i, len);
        col += len;
        lineStart = false;
        i = end;
    }
    out += '\n';
}

// "  LABEL   text": a two-column list (options, verbs, exit codes).
void appendTable(std::string& out, const std::vector<std::pair<std::string, std::string>>& rows) {
    std::size_t widest = 0;
    for (const auto& [label, text] : rows) widest = std::max(widest, label.size());
    const std::size_t column = std::min(2 + widest + 3, kMaxColumn);
    for (const auto& [label, text] : rows) {
        out += "  " + label;
        std::size_t used = 2 + label.size();
        if (used + 1 >= column) {  // too long: the text goes under it
            out += '\n';
            used = 0;
        }
        out.append(column - used, ' ');
        appendWrapped(out, text, column, column);
    }
}

std::string optionLabel(const OptionSpec& o) {
    std::string s = "--" + std::string(o.name);
    if (o.value) s += std::string(" ") + o.value;
    return s;
}

std::string optionText(const OptionSpec& o) {
    std::string s = o.help;
    if (o.defaultText) s += std::string(" (default: ") + o.defaultText + ")";
    return s;
}

const char* const kHelpText = "show this help and exit";

}  // namespace

// ---------------------------------------------------------------- Args

struct Args::Parser {
    QCommandLineParser parser;
    QHash<QString, std::string> raw;  // argv as Qt sees it -> as typed

    // An argument byte for byte as typed (a file name need not be UTF-8).
    std::string rawOf(const QString& s) const {
        auto it = raw.constFind(s);
        return it != raw.constEnd() ? *it : s.toLocal8Bit().toStdString();
    }
};

Args::~Args() = default;

Args::Args(const CommandSpec& spec, int argc, char** argv)
    : m_spec(spec), m_p(std::make_unique<Parser>()) {
    QCommandLineParser& parser = m_p->parser;
    auto raw = [&](const QString& s) { return m_p->rawOf(s); };
    // -workers is --workers; no bundled short options (there are none to bundle).
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}));
    for (const OptionSpec& o : spec.options) {
        QCommandLineOption opt(QString::fromUtf8(o.name));
        if (o.value) opt.setValueName(QString::fromUtf8(o.value));
        parser.addOption(opt);
    }
    QStringList list{QStringLiteral("asyncscope-cli")};  // parse() skips the program name
    for (int i = 0; i < argc; ++i) {
        const QString s = QString::fromLocal8Bit(argv[i]);
        m_p->raw.insert(s, argv[i]);
        list << s;
    }
    const bool ok = parser.parse(list);
    if (parser.isSet(QStringLiteral("help"))) {  // --help wins over any mistake next to it
        printHelp(spec, stdout);
        m_exit = 0;
        return;
    }
    if (!ok) {
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty()) {
            // Named as typed (Qt gives the name without its dashes and value).
            std::string names;
            for (const QString& name : unknown) {
                std::string typed = (name.size() == 1 ? "-" : "--") + name.toStdString();
                for (const QString& a : list.mid(1)) {
                    if (a == QStringLiteral("--")) break;
                    const QString head = a.section(QLatin1Char('='), 0, 0);
                    QString bare = head;
                    while (bare.startsWith(QLatin1Char('-'))) bare.remove(0, 1);
                    if (a.startsWith(QLatin1Char('-')) && bare == name) {
                        typed = raw(head);
                        break;
                    }
                }
                names += (names.empty() ? "'" : ", '") + typed + "'";
            }
            m_exit = fail((unknown.size() == 1 ? "unknown option " : "unknown options ") + names);
            return;
        }
        // "Missing value after '--x'." or "Unexpected value after '--x'."
        const QString err = parser.errorText();
        const qsizetype q1 = err.indexOf(QLatin1Char('\'')),
                        q2 = err.lastIndexOf(QLatin1Char('\''));
        const std::string opt = q1 >= 0 && q2 > q1 ? raw(err.mid(q1 + 1, q2 - q1 - 1)) : "";
        std::string bare = opt;
        while (!bare.empty() && bare[0] == '-') bare.erase(0, 1);
        const char* valueName = nullptr;
        for (const OptionSpec& o : spec.options)
            if (bare == o.name) valueName = o.value;
        if (err.startsWith(QStringLiteral("Missing value")) && !opt.empty())
            m_exit = fail(opt + " needs a value" +
                          (valueName ? std::string(" (") + opt + " " + valueName + ")" : ""));
        else if (err.startsWith(QStringLiteral("Unexpected value")) && !opt.empty())
            m_exit = fail(opt + " takes no value");
        else
            m_exit = fail(err.toStdString());
        return;
    }
    for (const QString& p : parser.positionalArguments()) m_positional.push_back(raw(p));
    const int n = static_cast<int>(m_positional.size());
    if (n < spec.minArgs) {
        m_exit = fail(spec.missingArgs ? spec.missingArgs : "missing arguments");
    } else if (spec.maxArgs >= 0 && n > spec.maxArgs) {
        m_exit = fail("unexpected argument '" + m_positional[spec.maxArgs] +
                      "' (usage: " + commandName(spec.path) + " " + spec.synopsis + ")");
    }
}

bool Args::has(const char* name) const {
    return m_p->parser.isSet(QString::fromUtf8(name));
}

std::optional<std::string> Args::value(const char* name) const {
    const QStringList v = m_p->parser.values(QString::fromUtf8(name));
    if (v.isEmpty()) return std::nullopt;
    return m_p->rawOf(v.last());
}

int Args::fail(const std::string& why) const {
    return usageError(m_spec.path, why);
}

int usageError(const char* path, const std::string& why) {
    const std::string name = commandName(path);
    std::fprintf(stderr, "%s: %s\nsee '%s --help'\n", name.c_str(), why.c_str(), name.c_str());
    return 2;
}

void printHelp(const CommandSpec& spec, std::FILE* out) {
    std::string s = "usage: " + commandName(spec.path);
    if (*spec.synopsis) s += std::string(" ") + spec.synopsis;
    s += "\n\n";
    appendWrapped(s, spec.description, 0, 0);
    s += "\noptions:\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const OptionSpec& o : spec.options) rows.emplace_back(optionLabel(o), optionText(o));
    rows.emplace_back("-h, --help", kHelpText);
    appendTable(s, rows);
    if (!spec.exitCodes.empty()) {
        s += "\nexit codes:\n";
        rows.clear();
        for (const ExitCode& e : spec.exitCodes)
            rows.emplace_back(std::to_string(e.code), e.meaning);
        appendTable(s, rows);
    }
    if (spec.notes) {
        s += '\n';
        appendWrapped(s, spec.notes, 0, 0);
    }
    std::fputs(s.c_str(), out);
}

// ---------------------------------------------------------------- verbs

void printHelp(const VerbGroup& group, std::FILE* out) {
    const std::string name = commandName(group.path);
    std::string s = "usage: " + name + " " + group.synopsis + "\n\n";
    appendWrapped(s, group.description, 0, 0);
    s += "\nverbs:\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const Verb& v : group.verbs) rows.emplace_back(v.name, v.summary);
    rows.emplace_back("help [VERB]", "this help, or the help of VERB");
    appendTable(s, rows);
    s += "\noptions:\n";
    rows.clear();
    rows.emplace_back("-h, --help", kHelpText);
    for (const OptionSpec& o : group.options) rows.emplace_back(optionLabel(o), optionText(o));
    appendTable(s, rows);
    s += "\nEach verb has its own help:\n  " + name + " VERB --help   (or: " + name +
         " help VERB)\n";
    std::fputs(s.c_str(), out);
}

int dispatch(const VerbGroup& group, int argc, char** argv) {
    if (argc < 1) {
        printHelp(group, stderr);
        return 2;
    }
    auto find = [&](const std::string& name) -> const Verb* {
        for (const Verb& v : group.verbs)
            if (name == v.name) return &v;
        return nullptr;
    };
    auto unknownVerb = [&](const std::string& name) {
        std::string known;
        for (const Verb& v : group.verbs)
            known += (known.empty() ? "" : ", ") + std::string(v.name);
        return usageError(group.path, "unknown verb '" + name + "' (verbs: " + known + ")");
    };
    const std::string first = argv[0];
    if (first == "-h" || first == "--help") {
        printHelp(group, stdout);
        return 0;
    }
    if (first == "help") {
        if (argc == 1 || std::string(argv[1]) == "help") {
            printHelp(group, stdout);
            return 0;
        }
        const Verb* v = find(argv[1]);
        if (!v) return unknownVerb(argv[1]);
        // `help VERB [SUB...]` is `VERB [SUB...] --help`.
        static char helpFlag[] = "--help";
        std::vector<char*> rest(argv + 2, argv + argc);
        rest.push_back(helpFlag);
        return v->run(static_cast<int>(rest.size()), rest.data());
    }
    if (first.size() > 1 && first[0] == '-')
        return usageError(group.path, "unknown option '" + first + "'");
    const Verb* v = find(first);
    if (!v) return unknownVerb(first);
    return v->run(argc - 1, argv + 1);
}

// ---------------------------------------------------------------- values

bool parseNumber(const std::string& s, double& out) {
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end && *end == '\0' && end != s.c_str() && std::isfinite(out);
}

bool parseWhole(const std::string& s, long lo, long hi, long& out) {
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(s.c_str(), &end, 10);
    if (!end || *end != '\0' || end == s.c_str() || errno == ERANGE || v < lo || v > hi)
        return false;
    out = v;
    return true;
}

}  // namespace asyncscope::cli
