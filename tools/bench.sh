#!/usr/bin/env bash
# Every benchmark in order, each against its budget; exits 1 when any is over (or fails).
#
#   bash tools/bench.sh            # all of them (~10 minutes on a 2-core laptop)
#   bash tools/bench.sh stage pdf  # only bench_stage.py and bench_pdf.py
#
# Not part of CI: timings on a shared machine are noisy. Run it on a quiet machine, and three
# times in a row before trusting a PASS that is close to its budget.
set -u
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
ALL=(startup edit tally_chart stage interaction graph room room_gui voice pdf soak import)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=("${ALL[@]}")

failed=()
for name in "${names[@]}"; do
    script="tests/benchmarks/bench_${name}.py"
    if [ ! -f "$script" ]; then
        echo "bench.sh: no benchmark $script" >&2
        failed+=("$name (missing)")
        continue
    fi
    echo "=== bench_${name} ==="
    if ! "$PYTHON" "$script"; then
        failed+=("$name")
    fi
    echo
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "bench.sh: over budget or failed: ${failed[*]}"
    exit 1
fi
echo "bench.sh: every benchmark within its budget"
