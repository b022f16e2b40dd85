#!/usr/bin/env bash
# Installs the Debian 12 packages hvharden needs to build and test. Idempotent: when every
# package is already installed it touches nothing and finishes in well under a second.
# Run as root on a fresh machine (CI does); Swift itself is expected in /opt/swift.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh

# Needed for the build, the tests against a real libvirtd, and the JSON Schema check.
required=(
    libvirt-dev libaugeas-dev augeas-lenses libxml2-dev
    # Digests links OpenSSL's libcrypto (SHA-256, HMAC, the random fingerprint key).
    libssl-dev
    libvirt-daemon-system libvirt-clients libvirt-daemon-driver-qemu
    qemu-system-x86 qemu-utils
    # SwiftPM finds the system libraries through pkg-config; libvirt-dev only *recommends*
    # it, so --no-install-recommends would leave it out on a fresh machine.
    pkg-config
    # Tests validate JSON output against schemas, and scripts/python-tools.sh makes a venv.
    python3-jsonschema python3-venv
    # virt-xml-validate (libvirt-clients) is a wrapper around xmllint.
    libxml2-utils
    # The tests hold locks from a second process and kill applies at random points.
    util-linux procps
    time # bench/run.sh reads each run's peak RSS from /usr/bin/time
    # The HTML report's test renders it headless to a PNG (scripts/report-screenshot.sh too).
    chromium
)
optional=()

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

has_candidate() {
    local candidate
    candidate="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }')"
    [[ -n "$candidate" && "$candidate" != "(none)" ]]
}

missing=()
for pkg in "${required[@]}" "${optional[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

hvh_step "System packages"
if ((${#missing[@]} == 0)); then
    hvh_note "all ${#required[@]} required and ${#optional[@]} optional packages are installed"
else
    ((EUID == 0)) || hvh_die "missing packages (${missing[*]}); run this script as root"
    hvh_note "missing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q </dev/null
    to_install=()
    for pkg in "${missing[@]}"; do
        if printf '%s\n' "${optional[@]}" | grep -qx -- "$pkg" && ! has_candidate "$pkg"; then
            hvh_note "skipping optional package '$pkg': not available from the configured archive"
            continue
        fi
        to_install+=("$pkg")
    done
    if ((${#to_install[@]} > 0)); then
        apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "${to_install[@]}" </dev/null
    fi
fi

# The C modules are found through pkg-config; fail here rather than deep inside swift build.
for module in libvirt augeas libxml-2.0; do
    pkg-config --exists "$module" || hvh_die "pkg-config cannot find '$module' after installing"
done

hvh_ensure_swift
hvh_note "swift: $(command -v swift) ($(swift --version 2>/dev/null | head -n 1))"
