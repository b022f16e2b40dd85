#!/usr/bin/env bash
# The first command of the README: installs dependencies, builds hvharden (release), checks
# the shipped profiles and plans the NIST baseline against the lab in examples/lab (a libvirt
# test-driver node file plus a sandbox root; nothing on this machine is read or changed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh

bash scripts/install-deps.sh
hvh_ensure_swift

hvh_step "swift build -c release"
swift build -c release
hvharden="$(swift build -c release --show-bin-path)/hvharden"
[[ -x "$hvharden" ]] || hvh_die "build finished but '$hvharden' is missing"

shopt -s nullglob
profiles=(profiles/*.yaml)
shopt -u nullglob
((${#profiles[@]} > 0)) || hvh_die "no profiles found in 'profiles/'"

hvh_step "hvharden validate ${profiles[*]}"
"$hvharden" validate "${profiles[@]}"

# The test driver needs an absolute path: test:///ABS/PATH/node.xml.
lab="$PWD/examples/lab"
# The fingerprint key a plan is keyed with goes to a scratch state directory, not this
# machine's /var/lib/hvharden.
state="$(mktemp -d)"
trap 'rm -rf "$state"' EXIT
hvh_step "hvharden plan (baseline profile + the lab's site profile, against the lab)"
status=0
"$hvharden" plan \
    --profile profiles/nist-800-125a-baseline.yaml \
    --profile examples/lab/site.yaml \
    --detailed-exitcode \
    --connect "test:///$lab/node.xml" \
    --root examples/lab/root \
    --state-dir "$state" || status=$?
# Like terraform -detailed-exitcode: 0 = nothing to do, 2 = changes (the lab is insecure on
# purpose, so 2 is the expected outcome), 3 = no changes but unwaived findings, anything else is
# an error.
case "$status" in
    0) hvh_note "plan: nothing to do" ;;
    2) hvh_note "plan: changes and findings listed above (expected: the lab is insecure on purpose)" ;;
    3) hvh_note "plan: nothing to change, findings listed above need a person" ;;
    *) exit "$status" ;;
esac
