#!/usr/bin/env bash
# The test command: installs dependencies, starts libvirtd, builds, runs every test, then
# builds the Debian package and runs it with the Swift toolchain hidden (scripts/check-package.sh:
# a release build, a few minutes), then fuzzes each input reader for a bounded time
# (scripts/fuzz.sh, HVHARDEN_FUZZ_SECONDS per target, default 60). Extra arguments go to
# `swift test`, e.g. `scripts/test.sh --filter HostTests`; such a partial run neither packages
# nor fuzzes, and says so. Exits non-zero when a test failed, the package is broken (lintian
# errors included), or the fuzzer found a crash, hang or memory blow-up.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh

# The full run includes the daemon tests; skipping them is for `swift test` on a laptop only.
if [[ -n "${HVHARDEN_SKIP_DAEMON_TESTS:-}" ]]; then
    hvh_die "HVHARDEN_SKIP_DAEMON_TESTS is set; scripts/test.sh always runs the daemon tests (unset it, or run swift test yourself)"
fi

bash scripts/install-deps.sh
bash scripts/python-tools.sh
bash scripts/start-libvirtd.sh
hvh_ensure_swift

hvh_step "swift build"
swift build

hvh_step "swift test $*"
swift test "$@"

if (($# > 0)); then
    hvh_note "not packaging: a partial run (arguments given); scripts/check-package.sh checks the package on its own"
    hvh_note "not fuzzing: a partial run (arguments given); scripts/fuzz.sh fuzzes on its own"
    exit 0
fi
hvh_step "Debian package (scripts/check-package.sh)"
bash scripts/check-package.sh
exec bash scripts/fuzz.sh "${HVHARDEN_FUZZ_SECONDS:-60}"
