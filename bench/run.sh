#!/usr/bin/env bash
# hvharden's planning benchmark: `hvharden plan` against the floor (bench/floor, the least any
# planner must do, on the C libraries, one thread) and a Python peer (bench/python/peer.py,
# libvirt-python + lxml), on the real libvirtd (1,000 and 10,000 domains), through a proxy that
# adds 5 ms per round trip (bench/delay-proxy.py: the remote row), and on the libvirt test
# driver; with wall time, peak RSS, and libvirt calls per domain. It is a measurement, not a
# test: it prints the targets of bench/README.md and whether this run met them, and exits 0
# whatever the numbers (non-zero only when a step fails).
#
# Usage: bench/run.sh                      (libvirtd running: scripts/start-libvirtd.sh)
# Knobs (environment): BENCH_DAEMON_SIZES="1000 10000" BENCH_TEST_SIZES="1000 10000"
#   BENCH_RUNS=5 (runs per measurement; the table shows the median; 10,000-domain and remote
#   rows run 3 times) BENCH_URI=qemu:///system BENCH_RTT_MS=5 BENCH_REMOTE_SIZE=1000
#   BENCH_ROOT=examples/lab/root (the root for the Augeas reads and host facts)
#   BENCH_SCRATCH=.build/bench (SwiftPM scratch path) BENCH_SKIP_BUILD=1 (use the built binaries)
#
# hvharden and the floor are built as scripts/package.sh builds the shipped binary (release,
# Swift's libraries linked in: --static-swift-stdlib), in a scratch path of their own so that a
# developer's .build/release is not rebuilt with other flags.
#
# The domains it defines on the daemon are named hvh-bench-<random>-NNNNN. They are undefined
# at the end, also after a failure or Ctrl-C; a run killed with SIGKILL leaves them, and
# `hvharden-floor undefine --prefix hvh-bench-<random>` removes them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh

daemon_sizes=(${BENCH_DAEMON_SIZES:-1000 10000})
test_sizes=(${BENCH_TEST_SIZES:-1000 10000})
runs=${BENCH_RUNS:-5}
uri=${BENCH_URI:-qemu:///system}
rtt=${BENCH_RTT_MS:-5}
remote_size=${BENCH_REMOTE_SIZE:-1000}
root=$(cd "${BENCH_ROOT:-examples/lab/root}" && pwd)
scratch=${BENCH_SCRATCH:-.build/bench}

hvh_ensure_swift
[[ -x /usr/bin/time ]] || hvh_die "/usr/bin/time is missing (Debian package 'time'; scripts/install-deps.sh installs it)"

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
    hvh_step "Building hvharden and hvharden-floor (release, --static-swift-stdlib as shipped), the Python peer's venv"
    swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product hvharden >/dev/null
    swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product hvharden-floor >/dev/null
fi
venv="$(bash bench/python/setup-venv.sh "$scratch/bench-venv")"
bin="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)"
hvharden="$bin/hvharden"
floor="$bin/hvharden-floor"
python="$venv/bin/python"

prefix="hvh-bench-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$(mktemp -d)"
defined=0
proxy_pid=
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$proxy_pid" ]]; then kill "$proxy_pid" 2>/dev/null || true; fi
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
cat >"$profile" <<YAML
apiVersion: hvharden/v1
kind: Profile
metadata:
  name: bench
  description: The NIST baseline on the benchmark's domains only.
extends: [nist-800-125a-baseline]
domains:
  include: ["$prefix-*"]
YAML
"$floor" keys --profile "$profile" --out "$work/keys.json"

# measure NAME CMD...: runs CMD once, appends "wall_seconds peak_rss_kib" to $work/NAME and
# its output (the floor's and the peer's report line, plan's call counts) to $work/NAME.out.
measure() {
    local name=$1
    shift
    local start end
    start=$EPOCHREALTIME
    if ! HVHARDEN_RPC_COUNT=1 /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/stdout" 2>"$work/stderr"; then
        cat "$work/stderr" >&2
        hvh_die "failed: $*"
    fi
    end=$EPOCHREALTIME
    echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') $(tail -n 1 "$work/rss")" >>"$work/$name"
    { grep -h '^domains=' "$work/stdout" || true; grep -h '^hvharden-rpc ' "$work/stderr" || true; } >>"$work/$name.out"
}

# median FILE: the median of the first column; peak FILE: the largest second column, in MiB.
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
peak() { awk '$2 > m { m = $2 } END { printf "%.0f", m / 1024 }' "$1"; }
# calls FILE: libvirt calls of the last run (the floor's and peer's rpc=, plan's total=).
calls() { tail -n 1 "$1" | tr ' ' '\n' | awk -F= '$1 == "rpc" || $1 == "total" { print $2 }'; }

rows=()
# row DRIVER N NAME...: one table row per measured program.
row() {
    local driver=$1 n=$2 name
    shift 2
    for name in "$@"; do
        [[ -f "$work/$name" ]] || continue
        local t c
        t=$(median "$work/$name")
        c=$(calls "$work/$name.out")
        rows+=("$(printf '| %s | %d | %s | %.3f | %.3f | %s | %s |' "$driver" "$n" "$name" "$t" "$(awk -v t="$t" -v n="$n" 'BEGIN { print 1000 * t / n }')" "$(peak "$work/$name")" "$(awk -v c="$c" -v n="$n" 'BEGIN { printf "%.3f", c / n }')")")
        hvh_note "${rows[-1]}   runs (s): $(cut -d' ' -f1 "$work/$name" | tr '\n' ' ')"
        eval "result_${driver//-/_}_${n}_${name//-/_}=$t"
        eval "rss_${driver//-/_}_${n}_${name//-/_}=$(peak "$work/$name")"
    done
}

# bench DRIVER N URI RUNS WITH_PEER: floor, peer and plan alternating.
bench() {
    local driver=$1 n=$2 target=$3 k=$4 with_peer=$5 i
    rm -f "$work"/floor* "$work"/python-peer* "$work"/plan*
    for ((i = 0; i < k; i++)); do
        measure floor "$floor" read --connect "$target" --root "$root" --prefix "$prefix" --keys "$work/keys.json"
        if [[ "$with_peer" == 1 ]]; then measure python-peer "$python" bench/python/peer.py "$target" "$root" "$prefix" "$work/keys.json"; fi
        measure plan "$hvharden" plan --profile "$profile" --connect "$target" --root "$root" --state-dir "$work/state" --format json
    done
    grep -q "^domains=$n " "$work/floor.out" || hvh_die "the floor read $(head -c 60 "$work/floor.out") instead of $n domains"
    row "$driver" "$n" floor python-peer plan
    floor_parts+=("| $driver | $n | $(tail -n 1 "$work/floor.out" | tr ' ' '\n' | grep '_ms=' | tr '\n' ' ')|")
}
floor_parts=()

hvh_step "Real daemon ($uri), prefix $prefix"
last_defined=0
for n in "${daemon_sizes[@]}"; do
    if ((n > defined)); then
        start=$EPOCHREALTIME
        defined=$n # cleanup runs from here on, even if define fails half-way
        "$floor" define --connect "$uri" --prefix "$prefix" --from $((last_defined + 1)) --to "$n"
        last_defined=$n
        hvh_note "defined up to $n domains in $(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.0f", e - s }') s"
    fi
    if ((n >= 10000)); then bench libvirtd "$n" "$uri" 3 0; else bench libvirtd "$n" "$uri" "$runs" 1; fi
    # The remote row, once the daemon holds exactly BENCH_REMOTE_SIZE domains of this run.
    if ((n == remote_size)); then
        hvh_step "Remote row: $n domains through bench/delay-proxy.py, $rtt ms per round trip"
        python3 bench/delay-proxy.py "$work/proxy.sock" "$rtt" "$work/proxy.count" &
        proxy_pid=$!
        for _ in $(seq 50); do [[ -S "$work/proxy.sock" ]] && break; sleep 0.1; done
        remote="qemu+unix:///system?socket=$work/proxy.sock"
        rm -f "$work"/remote*
        for ((i = 0; i < 3; i++)); do
            measure remote-plan "$hvharden" plan --profile "$profile" --connect "$remote" --root "$root" --state-dir "$work/state" --format json --parallelism 10
        done
        sleep 0.3
        proxy_messages=$(cut -d= -f2 "$work/proxy.count")
        measure remote-floor "$floor" read --connect "$remote" --root "$root" --prefix "$prefix" --keys "$work/keys.json"
        row "remote-${rtt}ms" "$n" remote-plan remote-floor
        kill "$proxy_pid"
        wait "$proxy_pid" 2>/dev/null || true
        proxy_pid=
        hvh_note "the proxy saw $proxy_messages RPC messages in the 3 plan runs ($((proxy_messages / 3)) a run, connection set-up and close included); the plan counted $(calls "$work/remote-plan.out") libvirt calls"
    fi
done

hvh_step "Test driver (in-process, node file)"
for n in "${test_sizes[@]}"; do
    "$floor" generate --prefix "$prefix" --count "$n" --out "$work/node-$n.xml"
    bench test "$n" "test://$work/node-$n.xml" "$runs" 0
done

load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
hvh_step "Results"
cat <<TXT

Machine: $machine
Command: bench/run.sh (runs per measurement: $runs, 3 at 10,000 domains and remote; median shown; peak RSS is the largest of the runs)
Load average at the end: $load_end (other work on the machine inflates the times)

| driver | domains | program | wall (s) | ms/domain | peak RSS (MiB) | libvirt calls/domain |
| --- | ---: | --- | ---: | ---: | ---: | ---: |
TXT
printf '%s\n' "${rows[@]}"
printf '\nWhere the floor spends its time (its own clock, last run):\n\n| driver | domains | floor |\n| --- | ---: | --- |\n'
printf '%s\n' "${floor_parts[@]}"

ratio() { awk -v a="${!1:-0}" -v b="${!2:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk -v r="$1" -v limit="$2" 'BEGIN { if (r == "n/a") print "not measured"; else print (r + 0 <= limit + 0) ? "met" : "NOT met" }'; }
printf '\nTargets:\n'
r=$(ratio result_libvirtd_1000_plan result_libvirtd_1000_floor)
printf '  plan <= 1.0x the floor at 1,000 domains on libvirtd: %s, %s\n' "$r" "$(verdict "$r" 1.0)"
r=$(ratio result_libvirtd_1000_plan result_libvirtd_1000_python_peer)
printf '  plan <= 0.5x the Python peer at 1,000 domains on libvirtd: %s, %s\n' "$r" "$(verdict "$r" 0.5)"
if [[ -n "${rss_libvirtd_10000_plan:-}" ]]; then
    printf '  plan peak RSS <= 100 MiB at 10,000 domains on libvirtd: %s MiB, %s\n' "$rss_libvirtd_10000_plan" "$(verdict "$rss_libvirtd_10000_plan" 100)"
    r=$(awk -v a="$result_libvirtd_10000_plan" -v b="$result_libvirtd_1000_plan" 'BEGIN { printf "%.2f", (a / 10000) / (b / 1000) }')
    printf '  linear from 1,000 to 10,000 (cost per domain at 10,000 / at 1,000, libvirtd): %s, %s\n' "$r" "$(verdict "$r" 1.2)"
fi
r_var="result_remote_${rtt}ms_${remote_size}_remote_plan"
printf '  plan of %s domains at %s ms per round trip <= 1.5 s: %s s, %s\n' "$remote_size" "$rtt" "${!r_var:-n/a}" "$(verdict "${!r_var:-n/a}" 1.5)"
