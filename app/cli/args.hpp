// The command line of asyncscope-cli: verbs, their options and their help.
//
// A verb is one entry of a VerbGroup table (name, one-line summary, entry
// point) plus that entry point, which describes its arguments in a
// CommandSpec and parses them with Args (QCommandLineParser underneath):
//
//     int runFoo(int argc, char** argv) {
//         static const CommandSpec spec{.path = "foo", .synopsis = "FILE [options]", ...};
//         Args args(spec, argc, argv);
//         if (args.finished()) return args.exitCode();  // --help, or a usage error
//         ...
//     }
//
// `VERB --help`, `VERB -h` and `help VERB` print the spec's help on stdout
// (exit 0); an unknown option, a missing value or an extra argument prints one
// line naming it and "see 'asyncscope-cli VERB --help'" on stderr (exit 2).
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace asyncscope::cli {

// One option of a verb, as `--name VALUE` (or a flag when value is null).
struct OptionSpec {
    const char* name;                   // without dashes: "workers"
    const char* value = nullptr;        // the value's name in the help ("N"); null: a flag
    const char* help = "";              // what it does
    const char* defaultText = nullptr;  // shown as "(default: ...)"
};

struct ExitCode {
    int code;
    const char* meaning;
};

// A verb (or a sub-verb, "trace state"): what its help says, what it accepts.
// -h/--help is added to every verb.
struct CommandSpec {
    const char* path;              // after "asyncscope-cli ": "run", "trace state"
    const char* synopsis = "";     // after the path: "FILE|NAME [options]"
    const char* description = "";  // a sentence or two; wrapped in the help
    std::vector<OptionSpec> options;
    std::vector<ExitCode> exitCodes;    // only where the verb has special ones
    const char* notes = nullptr;        // a last paragraph of the help, wrapped
    int minArgs = 0;                    // positional arguments
    int maxArgs = 0;                    // -1: any number
    const char* missingArgs = nullptr;  // the message when there are fewer than minArgs
};

// Parses one verb's arguments (argv without the verb itself).
class Args {
public:
    Args(const CommandSpec& spec, int argc, char** argv);
    ~Args();
    Args(const Args&) = delete;
    Args& operator=(const Args&) = delete;

    // True when the verb is done before it started: --help was printed or
    // the arguments were wrong (the error is printed); exitCode() says which.
    bool finished() const { return m_exit.has_value(); }
    int exitCode() const { return m_exit.value_or(0); }

    bool has(const char* name) const;
    // The option's value (the last one when given twice), byte for byte as typed.
    std::optional<std::string> value(const char* name) const;
    const std::vector<std::string>& positional() const { return m_positional; }

    // Prints "asyncscope-cli PATH: WHY" and the pointer to the help on
    // stderr; returns 2, the exit code of every usage error.
    int fail(const std::string& why) const;

private:
    struct Parser;  // QCommandLineParser: Qt stays out of the verbs' files

    const CommandSpec& m_spec;
    std::unique_ptr<Parser> m_p;
    std::vector<std::string> m_positional;
    std::optional<int> m_exit;
};

void printHelp(const CommandSpec& spec, std::FILE* out);

// Prints "asyncscope-cli PATH: WHY" and "see 'asyncscope-cli PATH --help'"
// on stderr; returns 2.
int usageError(const char* path, const std::string& why);

// ---------------------------------------------------------------- verbs

using VerbFn = int (*)(int argc, char** argv);

struct Verb {
    const char* name;
    const char* summary;  // one line in the group's help
    VerbFn run;           // gets the arguments after the verb
};

// A set of verbs behind one word: asyncscope-cli itself, or `trace`.
struct VerbGroup {
    const char* path;         // "" for asyncscope-cli, "trace"
    const char* synopsis;     // "VERB [ARGS]"
    const char* description;  // a sentence or two
    std::span<const Verb> verbs;
    std::vector<OptionSpec> options;  // besides -h/--help; for the help only
};

// Runs the verb argv[0] names. Also: `help [VERB [SUB...]]`, `-h`, `--help`
// (the group's help, or the verb's: `help VERB` is `VERB --help`). Nothing
// at all prints the group's help on stderr and returns 2.
int dispatch(const VerbGroup& group, int argc, char** argv);
void printHelp(const VerbGroup& group, std::FILE* out);

// ---------------------------------------------------------------- values

// A whole string as a finite number (strtod: 2.5, 1e3, 0x10).
bool parseNumber(const std::string& s, double& out);
// A whole string as a base-10 integer within [lo, hi].
bool parseWhole(const std::string& s, long lo, long hi, long& out);

}  // namespace asyncscope::cli
