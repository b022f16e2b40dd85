#!/usr/bin/env bash
# Regenerates docs/report-screenshot.png, the README's picture of the HTML report: the lab
# (examples/lab) planned with the baseline and the lab's site profile, written with
# `--format html` and rendered by headless Chromium (scripts/install-deps.sh installs it).
# Nothing is read from outside the repository; the plan's state directory is temporary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh
hvh_ensure_swift
command -v chromium >/dev/null 2>&1 || hvh_die "chromium is missing: run scripts/install-deps.sh"

out=docs/report-screenshot.png
scratch="${HVH_SCRATCH_PATH:-.build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

hvh_step "Building hvharden"
swift build --scratch-path "$scratch" --product hvharden
hvharden="$(swift build --scratch-path "$scratch" --show-bin-path)/hvharden"

hvh_step "Rendering the lab's report"
# Exit 2 or 3 means the lab has changes or findings, which it does: that is the point.
status=0
"$hvharden" plan --profile nist-800-125a-baseline --profile examples/lab/site.yaml \
    --connect "test://$PWD/examples/lab/node.xml" --root "$PWD/examples/lab/root" \
    --state-dir "$work/state" --format html --detailed-exitcode >"$work/report.html" || status=$?
((status == 0 || status == 2 || status == 3)) || hvh_die "hvharden plan failed with exit $status"
timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1500 \
    --screenshot="$work/report.png" "file://$work/report.html" >/dev/null 2>&1 ||
    hvh_die "chromium did not render the report"
read -r width height colours < <(python3 scripts/png-colours.py "$work/report.png")
((colours > 10)) || hvh_die "the screenshot has $colours colours: nothing was rendered"
mv "$work/report.png" "$out"
hvh_note "$out: ${width}x$height, $(($(stat -c %s "$out") / 1024)) KiB"
