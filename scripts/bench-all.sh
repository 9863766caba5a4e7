#!/usr/bin/env bash
# Regenerates every figure of BENCHMARKS.md, one benchmark after another (they must
# not share the machine's cores), and keeps each one's output in target/bench-results/.
# Takes about 30 minutes on the 2-core machine; run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench-results
mkdir -p "$out"
run() {
    local name=$1
    shift
    echo "== $name: $*"
    "$@" 2>&1 | tee "$out/$name.txt"
}
run lookup cargo bench -p provider-errors-tests --bench lookup -- --warm-up-time 2 --measurement-time 4
# String lookups again on streams of 100 000 inputs, which the branch predictor
# cannot learn as it learns a replayed stream of 1 000.
LOOKUP_STREAM=100000 run lookup_long_streams cargo bench -p provider-errors-tests --bench lookup -- \
    'str/' --warm-up-time 2 --measurement-time 4
run classify cargo bench -p provider-errors-codegen --bench classify
run derive cargo bench -p provider-errors-codegen --bench derive
mkdir -p "$out/schemas"
PROVIDER_ERRORS_KEEP_SCHEMAS="$PWD/$out/schemas" \
    run generate cargo bench -p provider-errors-tests --bench generate -- --quick
# Work per code, in instructions: needs valgrind, which a fresh machine may lack.
if command -v valgrind >/dev/null; then
    cargo build --release -p provider-errors-codegen --bin provider-errors
    for n in 1000 10000 100000; do
        for command in check generate; do
            echo "== instructions: $command, $n codes"
            valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
                target/release/provider-errors "$command" --max-file-bytes 67108864 \
                "$out/schemas/synth_$n.yaml" 2>&1 >/dev/null | grep 'I *refs' |
                tee "$out/instructions_${command}_$n.txt"
        done
    done
    # classify and the walks it is compared with, per call (BENCHMARKS.md).
    cargo build --release -p provider-errors-codegen --example classify_calls
    : >"$out/instructions_classify.txt"
    for case in serpapi serpapi-walk serpapi-walk-message serplify serplify-walk \
        dataforseo dataforseo-walk html html-walk html-walk-excerpt; do
        counts=()
        for calls in 0 10000; do
            counts+=("$(valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
                target/release/examples/classify_calls "$case" "$calls" 2>&1 >/dev/null |
                awk '/I *refs/ { gsub(",", "", $NF); print $NF }')")
        done
        echo "== instructions: classify $case: $(((counts[1] - counts[0]) / 10000)) per call" |
            tee -a "$out/instructions_classify.txt"
    done
else
    echo "== instructions: skipped, valgrind is not installed"
fi
run compile_time cargo bench -p provider-errors-tests --bench compile_time -- 100 1000 5000 10000
run compile_time_large cargo bench -p provider-errors-tests --bench compile_time -- 20000 40000 --ours-only
echo "results in $out/"
