#!/usr/bin/env bash
# Runs Spin on one of the scheduler's models, exhaustively.
#   check.sh MODEL.pml pass [-DNAME=VALUE...]         every state explored, no error
#   check.sh MODEL.pml fail MUTANT [-DNAME=VALUE...]  with -DMUTANT, Spin must report
#                                                     a counterexample (it is printed)
# A model that does not compile, a search cut short by memory or depth, or a
# mutant the checker does not catch is a failure.
set -euo pipefail
model=$(realpath "$1"); expect=$2; shift 2
defines=()
if [[ $expect == fail ]]; then defines+=("-D$1"); shift; fi
defines+=("$@")

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
cp "$model" model.pml
spin "${defines[@]}" -a model.pml
# -DSAFETY: assertions and end states; -DCOLLAPSE: lossless state compression.
gcc -O2 -w -DSAFETY -DCOLLAPSE -DMEMLIM=12000 -o pan pan.c
set +e
./pan -m2000000 -w26 > result.txt 2>&1
set -e
grep -E "^pan:|errors:|states, stored|elapsed time|memory usage" result.txt || true

errors=$(sed -nE 's/.*errors: ([0-9]+).*/\1/p' result.txt)
if [[ -z $errors ]]; then echo "check: Spin gave no result"; cat result.txt; exit 1; fi
# (A search that stops at its first error says it did not complete: only a
# passing search must have been whole.)
if [[ $errors == 0 ]] && grep -qE "Search not completed|max search depth too small|out of memory" result.txt; then
    echo "check: the search was cut short"; exit 1
fi
if [[ $expect == pass ]]; then
    if [[ $errors != 0 ]]; then
        echo "check: $(basename "$model") ${defines[*]}: Spin found a counterexample:"
        spin "${defines[@]}" -t -p model.pml | tail -60
        exit 1
    fi
    echo "check: $(basename "$model") ${defines[*]}: every state explored, no error"
else
    if [[ $errors == 0 ]]; then
        echo "check: $(basename "$model") ${defines[*]}: the mutant was NOT caught"; exit 1
    fi
    echo "check: $(basename "$model") ${defines[*]}: caught, as it must be. The counterexample's"
    echo "steps on shared state (spin -t -p model.pml shows every step):"
    spin "${defines[@]}" -t -p model.pml |
        grep -E "\[(injectLen|injectHid|localLen|srchHid|sleepHid|numSearching|numSleepers|isSleeper|token|blocked|state|queue|joiner|freed|owner|mlock|qlen|done|retry|runnable|finished|assert)|violated" |
        sed -E 's/ model.pml:[0-9]+ \(state [0-9]+\)//' | tail -40
fi
