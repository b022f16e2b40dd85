#!/usr/bin/env bash
# hvharden's planning benchmark: `hvharden plan` against a floor reader of our own, on the real
# libvirtd (100, 1,000 and 5,000 domains) and on the libvirt test driver (1,000, 5,000 and
# 10,000), with the wall time, the peak RSS and the cost per domain. It is a measurement, not a
# test: it prints the targets of bench/README.md and whether this run met them, and exits 0
# whatever the numbers (non-zero only when a step fails).
#
# Usage: bench/run.sh                      (libvirtd running: scripts/start-libvirtd.sh)
# Knobs (environment): BENCH_DAEMON_SIZES="100 1000 5000" BENCH_TEST_SIZES="1000 5000 10000"
#   BENCH_RUNS=5 (runs per measurement; the table shows the median) BENCH_URI=qemu:///system
#   BENCH_ROOT=examples/lab/root (the root for the Augeas reads and host facts)
#   BENCH_SCRATCH=.build (SwiftPM scratch path) BENCH_SKIP_BUILD=1 (use the built binaries)
#
# The domains it defines on the daemon are named hvh-bench-<random>-NNNNN. They are undefined
# at the end, also after a failure or Ctrl-C; a run killed with SIGKILL leaves them, and
# `hvharden-floor undefine --prefix hvh-bench-<random>` removes them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh

daemon_sizes=(${BENCH_DAEMON_SIZES:-100 1000 5000})
test_sizes=(${BENCH_TEST_SIZES:-1000 5000 10000})
runs=${BENCH_RUNS:-5}
uri=${BENCH_URI:-qemu:///system}
root=$(cd "${BENCH_ROOT:-examples/lab/root}" && pwd)
scratch=${BENCH_SCRATCH:-.build}

hvh_ensure_swift
[[ -x /usr/bin/time ]] || hvh_die "/usr/bin/time is missing (Debian package 'time'; scripts/install-deps.sh installs it)"

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
    hvh_step "Building hvharden and hvharden-floor (release)"
    swift build -c release --scratch-path "$scratch" --product hvharden >/dev/null
    swift build -c release --scratch-path "$scratch" --product hvharden-floor >/dev/null
fi
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
hvharden="$bin/hvharden"
floor="$bin/hvharden-floor"

prefix="hvh-bench-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$(mktemp -d)"
defined=0
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if ((defined > 0)); then
        hvh_step "Cleaning up"
        "$floor" undefine --connect "$uri" --prefix "$prefix" || status=1
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

hvh_step "Machine"
daemon_info="$("$floor" info --connect "$uri")" || hvh_die "cannot reach '$uri': start libvirtd (scripts/start-libvirtd.sh)"
machine="$(nproc) CPUs ($(lscpu | awk -F: '/^Model name/ { gsub(/^ +/, "", $2); print $2; exit }')), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $daemon_info, $(swift --version 2>/dev/null | head -n 1)"
hvh_note "$machine"
hvh_note "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# The profile: the shipped baseline on the benchmark's domains only.
profile="$work/bench.yaml"
cat >"$profile" <<EOF
apiVersion: hvharden/v1
kind: Profile
metadata:
  name: bench
  description: The NIST baseline on the benchmark's domains only.
extends: [nist-800-125a-baseline]
domains:
  include: ["$prefix-*"]
EOF
"$floor" keys --profile "$profile" --out "$work/keys.json"

# measure NAME CMD...: runs CMD once, appends "wall_seconds peak_rss_kib" to $work/NAME.
measure() {
    local name=$1
    shift
    local start end
    start=$EPOCHREALTIME
    if ! /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/stdout" 2>"$work/stderr"; then
        cat "$work/stderr" >&2
        hvh_die "failed: $*"
    fi
    end=$EPOCHREALTIME
    echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') $(tail -n 1 "$work/rss")" >>"$work/$name"
    if [[ "$1" == "$floor" ]]; then cat "$work/stdout" >>"$work/$name.floor"; fi
}

# bench DRIVER N URI: plan and floor, alternating, $runs times each; one table row.
rows=()
bench() {
    local driver=$1 n=$2 target=$3 i
    rm -f "$work/plan" "$work/floor" "$work/floor.floor"
    for ((i = 0; i < runs; i++)); do
        measure floor "$floor" read --connect "$target" --root "$root" --prefix "$prefix" --keys "$work/keys.json"
        measure plan "$hvharden" plan --profile "$profile" --connect "$target" --root "$root" --state-dir "$work/state"
    done
    grep -q "^domains=$n " "$work/floor.floor" || hvh_die "the floor read $(head -c 60 "$work/floor.floor") instead of $n domains"
    local row
    row=$(awk -v driver="$driver" -v n="$n" '
        function median(a, k,   i, j, t) {
            for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
        }
        FILENAME ~ /\/plan$/ { pw[++p] = $1; if ($2 > pr) pr = $2 }
        FILENAME ~ /\/floor$/ { fw[++f] = $1; if ($2 > fr) fr = $2 }
        END {
            P = median(pw, p); F = median(fw, f)
            printf "| %s | %d | %.2f | %.2f | %.2f | %.3f | %.3f | %.0f | %.0f |", driver, n, P, F, P / F, 1000 * P / n, 1000 * F / n, pr / 1024, fr / 1024
        }' "$work/plan" "$work/floor")
    rows+=("$row")
    # Where the floor's time goes, from its own clock (medians over the runs).
    local parts
    parts=$(awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = v[kv[1]] " " kv[2] } }
        function med(s,   a, k, i, j, t) { k = split(s, a, " "); for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }; return a[int((k + 1) / 2)] }
        END { printf "augeas %s ms, list %s ms, fetch %s ms, parse %s ms, checks %s ms", med(v["augeas_ms"]), med(v["list_ms"]), med(v["fetch_ms"]), med(v["parse_ms"]), med(v["check_ms"]) }' "$work/floor.floor")
    floor_parts+=("| $driver | $n | $parts |")
    augeas_ms+=("$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^augeas_ms=/) { split($i, kv, "="); print kv[2] } }' "$work/floor.floor" | sort -n | head -n 1)")
    hvh_note "$row"
    hvh_note "  plan runs (s): $(cut -d' ' -f1 "$work/plan" | tr '\n' ' ')  floor runs (s): $(cut -d' ' -f1 "$work/floor" | tr '\n' ' ')"
}
floor_parts=()
augeas_ms=()

hvh_step "Real daemon ($uri), prefix $prefix"
for n in "${daemon_sizes[@]}"; do
    if ((n > defined)); then
        start=$EPOCHREALTIME
        defined=$n # cleanup runs from here on, even if define fails half-way
        "$floor" define --connect "$uri" --prefix "$prefix" --from $((${last_defined:-0} + 1)) --to "$n"
        last_defined=$n
        hvh_note "defined up to $n domains in $(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.0f", e - s }') s"
    fi
    bench libvirtd "$n" "$uri"
done

hvh_step "Test driver (in-process, node file)"
for n in "${test_sizes[@]}"; do
    "$floor" generate --prefix "$prefix" --count "$n" --out "$work/node-$n.xml"
    bench test "$n" "test://$work/node-$n.xml"
done

load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
hvh_step "Results"
cat <<EOF

Machine: $machine
Command: bench/run.sh (runs per measurement: $runs, median shown; peak RSS is the largest of the runs)
Load average at the end: $load_end (other work on the machine inflates the times)

| driver | domains | plan (s) | floor (s) | plan/floor | plan ms/domain | floor ms/domain | plan peak RSS (MiB) | floor peak RSS (MiB) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
EOF
printf '%s\n' "${rows[@]}"
printf '\nWhere the floor spends its time (its own clock, median):\n\n| driver | domains | floor |\n| --- | ---: | --- |\n'
printf '%s\n' "${floor_parts[@]}"

# The targets (bench/README.md), checked against this run's table.
printf '\nTargets:\n'
printf '%s\n' "${rows[@]}" | awk -F'|' -v augeas="${augeas_ms[*]}" '
    { d = $2; gsub(/ /, "", d); n = $3 + 0; ratio[d, n] = $6 + 0; cost[d, n] = $7 + 0; rss[d, n] = $9 + 0; if (d == "libvirtd") dn[n] = 1; if (d == "test") tn[n] = 1 }
    function verdict(ok) { return ok ? "met" : "NOT met" }
    END {
        if ((("libvirtd", 1000) in ratio)) {
            printf "  plan <= floor at 1,000 domains on libvirtd: %.2f, %s\n", ratio["libvirtd", 1000], verdict(ratio["libvirtd", 1000] <= 1.0)
        }
        worst = 0; for (n in dn) if (n >= 1000 && ratio["libvirtd", n] > worst) { worst = ratio["libvirtd", n]; at = n }
        if (worst > 0) printf "  plan never above 1.3x the floor on libvirtd from 1,000 domains: worst %.2f (at %d), %s\n", worst, at, verdict(worst <= 1.3)
        if ((("libvirtd", 5000) in rss)) printf "  peak RSS under 100 MiB at 5,000 domains: %.0f MiB, %s\n", rss["libvirtd", 5000], verdict(rss["libvirtd", 5000] < 100)
        lo = 1e9; hi = 0; for (n in tn) if (n >= 1000) { if (cost["test", n] < lo) lo = cost["test", n]; if (cost["test", n] > hi) hi = cost["test", n] }
        if (hi > 0) printf "  cost per domain flat from 1,000 to 10,000 (test driver): %.3f to %.3f ms, spread %.0f%%, %s\n", lo, hi, 100 * (hi - lo) / lo, verdict(hi <= 1.2 * lo)
        # The cost of each added domain, between consecutive sizes: flat when nothing grows with N.
        k = 0; for (n in tn) sizes[++k] = n + 0
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (sizes[j] < sizes[i]) { t = sizes[i]; sizes[i] = sizes[j]; sizes[j] = t }
        for (i = 2; i <= k; i++) printf "    each domain from %d to %d: %.3f ms\n", sizes[i - 1], sizes[i], (cost["test", sizes[i]] * sizes[i] - cost["test", sizes[i - 1]] * sizes[i - 1]) / (sizes[i] - sizes[i - 1])
        k = split(augeas, a, " "); best = 1e9; for (i = 1; i <= k; i++) if (a[i] + 0 < best) best = a[i] + 0
        if (k > 0) printf "  targeted Augeas load and reads under 60 ms: %.1f ms (best run), %s\n", best, verdict(best < 60)
    }'
