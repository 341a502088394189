#!/usr/bin/env bash
# asyncscope-cli list / validate / run, as a user types them: exit codes,
# error texts with file:line:column, --check, outputs written.
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
[[ -s "$tmp/t.json" && -s "$tmp/r.astrace" && -s "$tmp/tasks.csv" && -s "$tmp/tasks-workers.csv" ]] \
    && echo "ok   outputs written" || { echo "FAIL outputs missing"; ls -l "$tmp"; fails=$((fails + 1)); }
"$cli" trace check "$tmp/t.json" >"$tmp/out" 2>&1
check "the Chrome trace is valid" 0 $?

# A scenario whose expectation cannot hold: --check fails, plain run does not.
sed -e 's/"start": \[{"template": "main"}\]/"start": [{"template": "main"}], "expectations": [{"expect": "duration", "at_most": "1ms"}]/' \
    -e 's/"workers": 0/"workers": 1/' -e 's/sleeep/sleep/' -e 's/5 parsecs/20ms/' "$tmp/broken.json" >"$tmp/slow.json"
"$cli" run "$tmp/slow.json" >"$tmp/out" 2>&1
check "run without --check" 0 $?
"$cli" run "$tmp/slow.json" --check >"$tmp/out" 2>&1
check "run --check with a failing expectation" 1 $?
contains "failing expectation explained" "$tmp/out" 'FAIL +duration +the run took .* \(expected at most 1ms\)'

# Ctrl-C stops a long run cleanly and still writes the recording.
sed -e 's/"5 parsecs"/"20s"/' -e 's/"workers": 0/"workers": 1/' -e 's/sleeep/sleep/' "$tmp/broken.json" >"$tmp/long.json"
"$cli" run "$tmp/long.json" --record "$tmp/long.astrace" >"$tmp/out" 2>&1 &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
check "Ctrl-C exit code" 130 $?
contains "stopped" "$tmp/out" 'result: stopped'
[[ -s "$tmp/long.astrace" ]] && echo "ok   recording written after Ctrl-C" || { echo "FAIL no recording"; fails=$((fails + 1)); }

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
