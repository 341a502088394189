#!/usr/bin/env bash
# asyncscope-cli list / validate / run, as a user types them: exit codes,
# error texts with file:line:column, --check, outputs written, and every
# verb's help and usage errors.
# usage: cli_test.sh PATH/TO/asyncscope-cli TESTS_SCENARIO_DIR
set -uo pipefail
cli="$1"
dir="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME EXPECTED_EXIT ACTUAL_EXIT
    if [[ "$2" != "$3" ]]; then
        echo "FAIL $1: exit $3, expected $2"
        fails=$((fails + 1))
    else
        echo "ok   $1"
    fi
}
contains() {  # contains NAME FILE REGEX
    if grep -Eq -- "$3" "$2"; then
        echo "ok   $1"
    else
        echo "FAIL $1: no match for /$3/ in:"
        sed 's/^/     /' "$2"
        fails=$((fails + 1))
    fi
}

"$cli" list >"$tmp/list" 2>&1
check "list exits 0" 0 $?
contains "list shows the tour" "$tmp/list" '^tour +scheduler +beginner'
[[ $(grep -c . "$tmp/list") -ge 19 ]] && echo "ok   list has 18+ scenarios" || { echo "FAIL list is short"; fails=$((fails + 1)); }

"$cli" validate "$dir/valid/minimal.json" "$dir/valid/every-step.json" >"$tmp/v" 2>&1
check "validate valid files" 0 $?

# Three independent errors: all reported, in line order, with line:column.
cat >"$tmp/broken.json" <<'JSON'
{
  "version": 1,
  "title": {"en": "Broken", "zh": "坏的"},
  "description": {"en": "d", "zh": "描述"},
  "category": "tasks",
  "difficulty": "beginner",
  "lesson": {"watch": {"en": "w", "zh": "看"}, "meaning": {"en": "m", "zh": "意"}, "tokio": {"en": "t", "zh": "东"}},
  "config": {"workers": 0},
  "templates": {
    "main": [
      {"step": "sleeep", "duration": "5ms"},
      {"step": "sleep", "duration": "5 parsecs"}
    ]
  },
  "start": [{"template": "main"}]
}
JSON
"$cli" validate "$tmp/broken.json" >"$tmp/out" 2>&1
check "validate invalid file" 1 $?
contains "workers out of range at 8:25" "$tmp/out" 'broken\.json:8:25: error: config\.workers: workers must be between 1 and 64, found 0'
contains "unknown step with suggestion" "$tmp/out" 'broken\.json:11:16: error: templates\.main\[0\]\.step: unknown step "sleeep"; did you mean "sleep"\?'
contains "bad duration" "$tmp/out" 'broken\.json:12:37: error: templates\.main\[1\]\.duration: expected a duration like "250us", "5ms" or "1\.5s" \(units ns, us, ms, s\), found "5 parsecs"'
contains "error count" "$tmp/out" 'broken\.json: 3 error\(s\)'
[[ $(grep -n 'config.workers' "$tmp/out" | cut -d: -f1) -lt $(grep -n 'sleeep' "$tmp/out" | cut -d: -f1) ]] \
    && echo "ok   errors in line order" || { echo "FAIL errors not in line order"; fails=$((fails + 1)); }

"$cli" run "$tmp/broken.json" >"$tmp/out" 2>&1
check "run refuses an invalid file" 3 $?
contains "run says not run" "$tmp/out" 'not run'

"$cli" validate "$tmp/does-not-exist.json" >"$tmp/out" 2>&1
check "validate a missing file" 2 $?
contains "missing file message" "$tmp/out" 'does-not-exist\.json: error: no such file'

"$cli" run no-such-lesson >"$tmp/out" 2>&1
check "run an unknown name" 2 $?

"$cli" run lazy-future --variant nope >"$tmp/out" 2>&1
check "run an unknown variant" 2 $?
contains "unknown variant lists the variants" "$tmp/out" "has no variant 'nope' \(variants: base, awaited, spawned\)"

"$cli" run lazy-future --check --summary --trace "$tmp/t.json" --record "$tmp/r.astrace" --csv "$tmp/tasks.csv" >"$tmp/out" 2>&1
check "run --check passes" 0 $?
contains "expectations printed" "$tmp/out" 'all expectations hold'
contains "task table printed" "$tmp/out" 'NAME +STATE +POLLS +BUSY'
[[ -s "$tmp/t.json" && -s "$tmp/r.astrace" && -s "$tmp/tasks-tasks.csv" && -s "$tmp/tasks-workers.csv" && ! -e "$tmp/tasks.csv" ]] \
    && echo "ok   outputs written" || { echo "FAIL outputs missing"; ls -l "$tmp"; fails=$((fails + 1)); }
# trace state bounds a long waiter list to one readable line.
cat >"$tmp/crowd.json" <<'JSON'
{
  "version": 1,
  "title": "Two hundred tasks wait for one lock",
  "templates": {
    "main": [{"step": "spawn", "template": "worker", "count": 200}, {"step": "join"}],
    "worker": [
      {"step": "lock", "resource": "m"},
      {"step": "sleep", "duration": "1ms"},
      {"step": "unlock", "resource": "m"}
    ]
  },
  "resources": {"m": {"kind": "mutex"}},
  "start": [{"template": "main"}]
}
JSON
"$cli" run "$tmp/crowd.json" --record "$tmp/crowd.astrace" >"$tmp/out" 2>&1
check "run the crowd" 0 $?
"$cli" trace state "$tmp/crowd.astrace" --at 0.5 >"$tmp/out" 2>&1
check "trace state of the crowd" 0 $?
contains "a long waiter list is cut" "$tmp/out" 'waiters=\[worker#[0-9]+, .*, \.\.\. 18[0-9] more\] \(19[0-9]\)'
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$tmp/out")
(( longest < 300 )) && echo "ok   trace state lines are short ($longest)" \
    || { echo "FAIL trace state printed a line of $longest characters"; fails=$((fails + 1)); }

# --csv takes a prefix, as demo and trace export do (it wrote a file named P).
"$cli" run lazy-future --csv "$tmp/P" >"$tmp/out" 2>&1
check "run --csv P" 0 $?
[[ -s "$tmp/P-tasks.csv" && -s "$tmp/P-workers.csv" && ! -e "$tmp/P" ]] \
    && echo "ok   run --csv P writes P-tasks.csv and P-workers.csv" \
    || { echo "FAIL run --csv P"; ls -l "$tmp"; fails=$((fails + 1)); }
"$cli" trace check "$tmp/t.json" >"$tmp/out" 2>&1
check "the Chrome trace is valid" 0 $?

# A directory where a recording belongs: a message and exit 2, not an abort.
mkdir -p "$tmp/dir.astrace"
for verb in info state analyze; do
    "$cli" trace $verb "$tmp/dir.astrace" >"$tmp/out" 2>&1
    check "trace $verb on a directory" 2 $?
    contains "trace $verb says it is a directory" "$tmp/out" 'dir\.astrace: is a directory, not a recording'
done

# A scenario whose expectation cannot hold: --check fails, plain run does not.
sed -e 's/"start": \[{"template": "main"}\]/"start": [{"template": "main"}], "expectations": [{"expect": "duration", "at_most": "1ms"}]/' \
    -e 's/"workers": 0/"workers": 1/' -e 's/sleeep/sleep/' -e 's/5 parsecs/20ms/' "$tmp/broken.json" >"$tmp/slow.json"
"$cli" run "$tmp/slow.json" >"$tmp/out" 2>&1
check "run without --check" 0 $?
"$cli" run "$tmp/slow.json" --check >"$tmp/out" 2>&1
check "run --check with a failing expectation" 1 $?
contains "failing expectation explained" "$tmp/out" 'FAIL +duration +the run took .* \(expected at most 1ms\)'

# Ctrl-C stops a long run cleanly and still writes the recording (the real
# clock, so that its 20 s sleep takes 20 s).
sed -e 's/"5 parsecs"/"20s"/' -e 's/"workers": 0/"workers": 1, "clock": "real"/' -e 's/sleeep/sleep/' "$tmp/broken.json" >"$tmp/long.json"
"$cli" run "$tmp/long.json" --record "$tmp/long.astrace" >"$tmp/out" 2>&1 &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
check "Ctrl-C exit code" 130 $?
contains "stopped" "$tmp/out" 'result: stopped'
[[ -s "$tmp/long.astrace" ]] && echo "ok   recording written after Ctrl-C" || { echo "FAIL no recording"; fails=$((fails + 1)); }

# Help: every verb and trace sub-verb has its own, on stdout, exit 0; it
# names the verb's options. `help VERB` is `VERB --help`.
"$cli" --help >"$tmp/out" 2>"$tmp/err"
check "--help exits 0" 0 $?
contains "top-level help lists run" "$tmp/out" '^  run +run a scenario on the real engine'
contains "top-level help lists trace" "$tmp/out" '^  trace +inspect a recorded run'
contains "top-level help points to verb help" "$tmp/out" "asyncscope-cli VERB --help"
[[ ! -s "$tmp/err" ]] && echo "ok   help writes nothing on stderr" || { echo "FAIL help wrote on stderr"; fails=$((fails + 1)); }
"$cli" help >"$tmp/out2" 2>&1
check "help exits 0" 0 $?
cmp -s "$tmp/out" "$tmp/out2" && echo "ok   help is --help" || { echo "FAIL help differs from --help"; fails=$((fails + 1)); }
"$cli" >"$tmp/out" 2>&1
check "no verb at all" 2 $?
contains "no verb prints the usage" "$tmp/out" '^usage: asyncscope-cli VERB'
"$cli" frobnicate >"$tmp/out" 2>&1
check "unknown verb" 2 $?
contains "unknown verb named" "$tmp/out" "^asyncscope-cli: unknown verb 'frobnicate'"

help_mentions() {  # help_mentions "VERB [SUB]" REGEX...: VERB --help, -h and help VERB
    local verb="$1"
    shift
    # shellcheck disable=SC2086
    "$cli" $verb --help >"$tmp/help" 2>"$tmp/err"
    check "$verb --help exits 0" 0 $?
    [[ ! -s "$tmp/err" ]] || { echo "FAIL $verb --help wrote on stderr:"; cat "$tmp/err"; fails=$((fails + 1)); }
    contains "$verb --help: usage line" "$tmp/help" "^usage: asyncscope-cli $verb "
    contains "$verb --help: -h, --help" "$tmp/help" '^  -h, --help +show this help'
    for re in "$@"; do contains "$verb --help mentions $re" "$tmp/help" "$re"; done
    # shellcheck disable=SC2086
    "$cli" $verb -h >"$tmp/help2" 2>&1
    check "$verb -h exits 0" 0 $?
    cmp -s "$tmp/help" "$tmp/help2" || { echo "FAIL $verb -h differs from --help"; fails=$((fails + 1)); }
    # shellcheck disable=SC2086
    "$cli" help $verb >"$tmp/help2" 2>&1
    check "help $verb exits 0" 0 $?
    cmp -s "$tmp/help" "$tmp/help2" || { echo "FAIL help $verb differs from $verb --help"; fails=$((fails + 1)); }
}
help_mentions list '^  --lang en\|zh +the language of the titles \(default: en\)'
help_mentions validate '^usage: asyncscope-cli validate FILE\.\.\.' 'file:line:column|FILE:LINE:COLUMN' \
    '^  1 +a file is invalid' '^  2 +a file cannot be read'
help_mentions run '^usage: asyncscope-cli run FILE\|NAME \[options\]' \
    '^  --variant V ' '^  --workers N +worker threads, a whole number from 1 to 64' '^  --flavor F ' \
    '^  --time-scale X ' '^  --seed S ' '^  --trace OUT\.json ' '^  --record OUT\.astrace ' \
    '^  --csv PREFIX ' '^  --summary ' '^  --check ' '^  --lang en\|zh ' '\(default: en\)' \
    '^exit codes:' '^  0 +the run finished' '^  1 +with --check: an expectation failed' \
    '^  2 +usage error' '^  3 +the scenario is invalid' '^  130 +interrupted by Ctrl-C'
help_mentions demo '^  --workers N +worker threads, 1 to 64 \(default: 2\)' \
    '^  --events N .*\(default: 80\)' '^  --pitfall P .*blocking, deadlock or lost-waker' \
    '^  --record F\.astrace ' '^  --trace F\.json ' '^  --csv PREFIX ' '^  --lang en\|zh '
help_mentions bench '^  --workers N +worker threads, 1 to 1024 \(default: 2\)' '^  --trace ' '^  --scenario ' \
    '^  --mutex KIND +mutex_contention.s mutex: fair \(Tokio.s FIFO hand-off\) or$' \
    'spawn_many, yield_many, ping_pong'
help_mentions trace '^  info +' '^  state +' '^  analyze +' '^  export +' '^  check +' \
    "asyncscope-cli trace VERB --help"
help_mentions "trace info" '^usage: asyncscope-cli trace info FILE\.astrace'
help_mentions "trace state" '^  --at MS +the instant, in milliseconds.*' 'default: the end of the'
help_mentions "trace analyze" '^  --lang en\|zh ' '^  1 +the detectors found something'
help_mentions "trace export" '^  --chrome OUT\.json ' '^  --csv PREFIX '
help_mentions "trace check" '^usage: asyncscope-cli trace check OUT\.json' '^  1 +not one'

# --help wins over a mistake next to it; it never reads a file.
"$cli" validate --help >"$tmp/out" 2>&1
check "validate --help exits 0" 0 $?
if grep -q -- "--help: error" "$tmp/out"; then
    echo "FAIL validate --help looked for a file named --help"; fails=$((fails + 1))
else
    echo "ok   validate --help does not look for a file"
fi
"$cli" run --help no-such-lesson --bogus >"$tmp/out" 2>&1
check "run --help with other arguments" 0 $?
contains "run --help with other arguments prints help" "$tmp/out" '^usage: asyncscope-cli run'

# Usage errors: one line naming the mistake, a pointer to the help, exit 2.
usage_error() {  # usage_error NAME REGEX VERB_FOR_HELP ARGS...
    local name="$1" re="$2" verb="$3"
    shift 3
    "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
    check "$name exits 2" 2 $?
    contains "$name: message" "$tmp/err" "$re"
    contains "$name: points to the help" "$tmp/err" "^see 'asyncscope-cli $verb --help'\$"
    [[ ! -s "$tmp/out" ]] || { echo "FAIL $name wrote on stdout"; fails=$((fails + 1)); }
}
usage_error "run --bogus" "^asyncscope-cli run: unknown option '--bogus'\$" run run lazy-future --bogus
usage_error "run -x=1" "unknown option '-x'" run run lazy-future -x=1
usage_error "run --workers without a value" "run: --workers needs a value \(--workers N\)" run run lazy-future --workers
usage_error "run --workers 0" "--workers takes a whole number from 1 to 64" run run lazy-future --workers 0
usage_error "run --workers 2.5" "--workers takes a whole number from 1 to 64" run run lazy-future --workers 2.5
usage_error "run --time-scale nan" "--time-scale takes a number from 0\.01 to 1000" run run lazy-future --time-scale nan
usage_error "run --time-scale inf" "--time-scale takes a number from 0\.01 to 1000" run run lazy-future --time-scale inf
usage_error "run --time-scale 0" "--time-scale takes a number from 0\.01 to 1000" run run lazy-future --time-scale 0
usage_error "run --seed -1" "--seed takes a whole number" run run lazy-future --seed -1
usage_error "run --seed 1.5" "--seed takes a whole number" run run lazy-future --seed 1.5
usage_error "run --flavor" "--flavor takes multi_thread or current_thread" run run lazy-future --flavor green
usage_error "run --lang" "--lang takes en or zh" run run lazy-future --lang fr
usage_error "run --clock" "--clock takes real or virtual, found 'sideways'" run run lazy-future --clock sideways

# --clock virtual: the host cannot show; thousands of I/O tasks find nothing to report.
"$cli" run thousands-of-io-tasks --clock virtual >"$tmp/virtual" 2>&1
check "run --clock virtual" 0 $?
contains "run --clock virtual: no host findings" "$tmp/virtual" "^No problems found\.$"
contains "run --clock virtual: exact end" "$tmp/virtual" "^result: completed after "
usage_error "run --trace into a folder" "--trace takes a file name; .* is a folder" run run lazy-future --trace "$tmp"
usage_error "run --summary=yes" "--summary takes no value" run run lazy-future --summary=yes
usage_error "run with two scenarios" "unexpected argument 'tour'" run run lazy-future tour
usage_error "run without a scenario" "run needs a scenario FILE or the NAME of a built-in one" run run
usage_error "list extra" "^asyncscope-cli list: unexpected argument 'extra'" list list extra
usage_error "list --lang fr" "--lang takes en or zh" list list --lang fr
usage_error "validate nothing" "validate needs at least one FILE" validate validate
usage_error "validate --bogus" "unknown option '--bogus'" validate validate --bogus "$dir/valid/minimal.json"
usage_error "demo --workers 0" "--workers takes a whole number from 1 to 64" demo demo --workers 0
usage_error "demo --events" "--events needs a value" demo demo --events
usage_error "demo --pitfall" "unknown pitfall 'oops'" demo demo --pitfall oops
usage_error "bench without a name" "missing workload NAME" bench bench
usage_error "bench unknown workload" "unknown workload 'nope'" bench bench nope
usage_error "bench --workers=0" "--workers takes a whole number from 1 to 1024" bench bench spawn_many --workers=0
usage_error "bench --scenario --trace" "--scenario always records: leave out --trace" bench bench ping_pong --scenario --trace
usage_error "bench --mutex x" "--mutex is fair or barging, found 'x'" bench bench mutex_contention --mutex x
# --mutex barging: Go's mutex; the counter still comes out exact (the workload checks it).
"$cli" bench mutex_contention --mutex barging >"$tmp/out" 2>"$tmp/err"
check "bench mutex_contention --mutex barging" 0 $?
contains "bench --mutex barging: the protocol's line" "$tmp/out" "^mutex_contention ops=640000 ns_per_op=[0-9.]+ total_ms=[0-9.]+\$"

# A warning does not make a file invalid: rustc's Send objection, at its place.
"$cli" validate "$dir/../../scenarios/blocking-guard-across-await.json" >"$tmp/out" 2>"$tmp/err"
check "validate with a warning" 0 $?
contains "validate: the Send warning at its place" "$tmp/err" "blocking-guard-across-await\.json:82:7: warning: templates\.holder: rustc would reject spawning \"holder\": tokio::spawn needs a Send future"
contains "validate: valid, with its warning counted" "$tmp/out" "valid \(3 template\(s\), 2 variant\(s\), 1 expectation\(s\), 1 warning\(s\)\)\$"

# bench --scenario: the workload as a scenario, recording on, one protocol line.
for w in ping_pong spawn_blocking; do
    "$cli" bench "$w" --scenario --workers 2 >"$tmp/out" 2>"$tmp/err"
    check "bench $w --scenario" 0 $?
    contains "bench $w --scenario: the protocol's line" "$tmp/out" "^$w ops=[0-9]+ ns_per_op=[0-9.]+ total_ms=[0-9.]+\$"
    [[ $(grep -c . "$tmp/out") == 1 ]] && echo "ok   bench $w --scenario: one line" || { echo "FAIL bench $w --scenario: more than one line"; fails=$((fails + 1)); }
    contains "bench $w --scenario: events on stderr" "$tmp/err" "^asyncscope-cli bench: recorded [0-9]+ events, [0-9.]+ ns per event\$"
done
"$cli" bench chained_spawn --scenario >"$tmp/out" 2>"$tmp/err"
check "bench chained_spawn --scenario fails" 1 $?
contains "bench chained_spawn --scenario: why" "$tmp/err" "chained_spawn has no scenario form: a scenario's templates cannot spawn themselves"
[[ ! -s "$tmp/out" ]] || { echo "FAIL bench chained_spawn --scenario wrote on stdout"; fails=$((fails + 1)); }
usage_error "trace nothing known" "^asyncscope-cli trace: unknown verb 'nope' \(verbs: info, state, analyze, export, check\)" trace trace nope
usage_error "trace info without a file" "info needs a FILE\.astrace" "trace info" trace info
usage_error "trace info two files" "unexpected argument" "trace info" trace info a.astrace b.astrace
usage_error "trace state --at nan" "--at takes a time in milliseconds" "trace state" trace state "$tmp/r.astrace" --at nan
usage_error "trace state --at -1" "--at takes a time in milliseconds" "trace state" trace state "$tmp/r.astrace" --at -1
usage_error "trace export without outputs" "export needs --chrome and/or --csv" "trace export" trace export "$tmp/r.astrace"
usage_error "trace analyze --bogus" "unknown option '--bogus'" "trace analyze" trace analyze "$tmp/r.astrace" --bogus

# The sub-verbs still work, options before or after the file.
"$cli" trace info "$tmp/r.astrace" >"$tmp/out" 2>&1
check "trace info" 0 $?
contains "trace info summarises" "$tmp/out" '^  tasks +[0-9]+ spawned'
"$cli" trace state --at 0.5 "$tmp/r.astrace" >"$tmp/out" 2>&1
check "trace state --at before the file" 0 $?
contains "trace state at 0.5 ms" "$tmp/out" '^at 0\.500 ms of runtime time'
"$cli" trace export "$tmp/r.astrace" --chrome "$tmp/e.json" --csv "$tmp/e" >"$tmp/out" 2>&1
check "trace export" 0 $?
[[ -s "$tmp/e.json" && -s "$tmp/e-tasks.csv" && -s "$tmp/e-workers.csv" ]] \
    && echo "ok   trace export wrote its files" || { echo "FAIL trace export files missing"; fails=$((fails + 1)); }
"$cli" --version >"$tmp/out" 2>&1
check "--version" 0 $?
contains "--version prints it" "$tmp/out" '^asyncscope-cli [0-9]+\.[0-9]+\.[0-9]+$'

# render: the runtime view without a display, from a scenario or a recording.
usage_error "render --at bad" "--at takes a duration like 12ms" render render tour --at soon
usage_error "render --width 10" "--width takes a number from 320 to 7680, found '10'" render render tour --width 10
usage_error "render --out folder" "--out takes a file name; $tmp is a folder" render render tour --out "$tmp"
usage_error "render --lang fr" "--lang takes en or zh" render render tour --lang fr
usage_error "render --workers on a recording" "apply to a scenario, not to a recording" render render "$tmp/r.astrace" --workers 2
"$cli" render lazy-future --at 1ms --out "$tmp/v.png" --width 800 --height 500 --pixel-ratio 1 >"$tmp/out" 2>"$tmp/err"
check "render a built-in" 0 $?
contains "render says what it wrote" "$tmp/out" "^wrote $tmp/v\.png \(.* at 1\.000 ms of "
[[ "$(head -c 24 "$tmp/v.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a0000000d4948445200000320000001f4 ]] \
    && echo "ok   render wrote an 800x500 PNG" || { echo "FAIL render PNG header/size"; fails=$((fails + 1)); }
[[ ! -s "$tmp/err" ]] && echo "ok   render is quiet on stderr" || { echo "FAIL render wrote on stderr:"; cat "$tmp/err"; fails=$((fails + 1)); }
"$cli" render "$tmp/r.astrace" --out "$tmp/v.svg" >"$tmp/out" 2>&1
check "render a recording as SVG" 0 $?
contains "the SVG is an SVG" "$tmp/v.svg" "<svg"
"$cli" render "$tmp/r.astrace" --out "$tmp/v.pdf" --lang zh >"$tmp/out" 2>&1
check "render a recording as PDF in Chinese" 0 $?
[[ "$(head -c 5 "$tmp/v.pdf")" == "%PDF-" ]] && echo "ok   the PDF is a PDF" || { echo "FAIL no PDF"; fails=$((fails + 1)); }
"$cli" render "$tmp" >"$tmp/out" 2>&1
check "render of a folder" 2 $?
contains "render of a folder says so" "$tmp/out" "is a folder"
# render --timeline: the run over time, as wide as asked; the range is checked
# before anything runs.
"$cli" render lazy-future --timeline --from 0ms --to 2ms --at 1ms --out "$tmp/t.png" --width 1200 >"$tmp/out" 2>"$tmp/err"
check "render --timeline" 0 $?
contains "render --timeline says what it wrote" "$tmp/out" "^wrote $tmp/t\.png \(.*, timeline from 0\.000 ms to 2\.000 ms of "
[[ "$(head -c 20 "$tmp/t.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a0000000d49484452000004b0 ]] \
    && echo "ok   render --timeline wrote a 1200-px-wide PNG" || { echo "FAIL render --timeline PNG header/width"; fails=$((fails + 1)); }
[[ ! -s "$tmp/err" ]] && echo "ok   render --timeline is quiet on stderr" || { echo "FAIL render --timeline wrote on stderr:"; cat "$tmp/err"; fails=$((fails + 1)); }
"$cli" render "$tmp/r.astrace" --timeline --out "$tmp/t.svg" >"$tmp/out" 2>&1
check "render --timeline of a recording as SVG" 0 $?
contains "the timeline SVG is an SVG" "$tmp/t.svg" "<svg"
usage_error "render --from after --to" "--from \(10ms\) must be before --to \(5ms\)" render render tour --timeline --from 10ms --to 5ms
usage_error "render --from equal to --to" "must be before --to" render render tour --timeline --from 5ms --to 5ms
usage_error "render --from without --timeline" "--from and --to apply to --timeline" render render tour --from 1ms
usage_error "render --to bad" "--to takes a duration like 12ms" render render tour --timeline --to later
printf 'not a recording' >"$tmp/bad.astrace"
"$cli" render "$tmp/bad.astrace" --out "$tmp/bad.png" >"$tmp/out" 2>&1
check "render of a damaged recording" 2 $?
contains "render names the damage" "$tmp/out" "^asyncscope-cli render: .*bad\.astrace: not an AsyncScope trace"
[[ ! -e "$tmp/bad.png" ]] && echo "ok   nothing written for a damaged recording" || { echo "FAIL a picture was written"; fails=$((fails + 1)); }

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
