#!/usr/bin/env bash
# Fuzzes the input readers with libFuzzer for a bounded time: scripts/fuzz.sh [SECONDS] [TARGET].
# Each target is built in release with -sanitize=fuzzer,address (linked by lld: gold fails on
# the sanitizer objects) into .build-fuzz, seeded from
# the repository's own files, and run for SECONDS (default 60) with a 10 s per-input timeout
# and a 2 GiB memory limit (leak detection off: the Swift runtime's one-time metadata and the
# shipped catalogue read as leaks). Exits non-zero when any target crashed, hung or ran out of
# memory, leaving the input under .build-fuzz/artifacts/TARGET/ (reproduce it with
# `swift run TARGET FILE`, the same target built without the flag). Targets: FuzzProfileLoader
# (profile text through the Compiler), FuzzPlanFile (saved plans through PlanFile.decode).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck shell=bash source=scripts/common.sh
source scripts/common.sh

# One line per target: "PRODUCT|SEED GLOBS" (globs relative to the repository, ** allowed).
TARGETS=(
    "FuzzProfileLoader|profiles/*.yaml examples/*.yaml Tests/CompilerTests/Fixtures/**/*.yaml"
    "FuzzPlanFile|Tests/LiveHostTests/Golden/*.json Tests/**/Fixtures/**/*.json docs/*.json"
)

seconds="${1:-60}"
only="${2:-}"
[[ "$seconds" =~ ^[0-9]+$ ]] || hvh_die "SECONDS must be a whole number, got '$seconds'"
scratch=.build-fuzz
shopt -s globstar nullglob
hvh_ensure_swift

failed=()
for entry in "${TARGETS[@]}"; do
    product="${entry%%|*}"
    seeds="${entry#*|}"
    [[ -z "$only" || "$only" == "$product" ]] || continue

    hvh_step "build $product (-sanitize=fuzzer,address)"
    swift build -c release --scratch-path "$scratch" --product "$product" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
    binary="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/$product"

    corpus="$scratch/corpus/$product"
    artifacts="$scratch/artifacts/$product"
    mkdir -p "$corpus" "$artifacts"
    read -r -a globs <<<"$seeds"
    count=0
    for glob in "${globs[@]}"; do
        # shellcheck disable=SC2206 # the glob is meant to expand here
        files=($glob)
        for file in "${files[@]}"; do
            cp "$file" "$corpus/seed-$(printf '%s' "$file" | tr '/' '_')"
            count=$((count + 1))
        done
    done
    hvh_note "$count seed files into $corpus"

    hvh_step "fuzz $product for ${seconds}s"
    if ! ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" "$binary" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 -detect_leaks=0; then
        failed+=("$product")
        hvh_note "$product failed; inputs left in $artifacts:"
        ls -1 "$artifacts" | sed 's/^/      /'
    fi
done

if ((${#failed[@]})); then
    hvh_die "fuzzing found problems in: ${failed[*]}"
fi
hvh_step "fuzzing found nothing"
