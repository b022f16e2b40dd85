#!/usr/bin/env bash
# CI check of the Debian package (scripts/test.sh runs it after the tests): builds it with
# scripts/package.sh (lintian errors fail there), unpacks it with dpkg-deb -x and runs the
# packaged binary the way a hypervisor without a Swift toolchain would: in a private mount
# namespace (unshare --mount) with an empty tmpfs over /opt/swift, and the package's
# /usr/share/hvharden over the machine's, so a profile is found by name where the package puts
# it. Nothing outside the namespace is mounted or changed. Needs root (for unshare).
#
# To show that hiding the toolchain means something, the debug build (.build/debug/hvharden,
# RUNPATH into /opt/swift) must fail to start in the same namespace, when it exists.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh

((EUID == 0)) || hvh_die "scripts/check-package.sh needs root (unshare --mount)"
toolchain=/opt/swift

bash scripts/package.sh
version="$(sed -n 's/^ *public static let current = "\([^"]*\)".*/\1/p' Sources/Compiler/Version.swift)"
deb="dist/hvharden_${version}_$(dpkg --print-architecture).deb"
[[ -f "$deb" ]] || hvh_die "scripts/package.sh did not write $deb"
[[ "$(dpkg-deb -f "$deb" Version)" == "$version" ]] || hvh_die "$deb's Version is not $version"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"

hvh_step "Contents of $deb"
dpkg-deb -x "$deb" "$root"
for path in usr/bin/hvharden usr/share/man/man1/hvharden.1.gz usr/share/man/man1/hvharden-plan.1.gz \
    usr/share/bash-completion/completions/hvharden usr/share/zsh/vendor-completions/_hvharden \
    usr/share/fish/vendor_completions.d/hvharden.fish usr/share/hvharden/profiles/nist-800-125a-baseline.yaml \
    lib/systemd/system/hvharden-plan.service lib/systemd/system/hvharden-plan.timer \
    usr/share/doc/hvharden/copyright usr/share/doc/hvharden/changelog.gz; do
    [[ -f "$root/$path" ]] || hvh_die "the package has no /$path"
done
for profile in profiles/*.yaml; do
    cmp -s "$profile" "$root/usr/share/hvharden/profiles/$(basename "$profile")" ||
        hvh_die "the package's copy of $profile differs from the repository's"
done
odd="$(dpkg-deb -c "$deb" | awk '$1 !~ /^(drwxr-xr-x|-rw-r--r--)$/ && $6 != "./usr/bin/hvharden" { print }
    $2 != "root/root" { print }')"
[[ -z "$odd" ]] || hvh_die "entries not root/root 0755/0644: $odd"
dpkg-deb -c "$deb" | awk '$6 == "./usr/bin/hvharden" && $1 != "-rwxr-xr-x" { exit 1 }' ||
    hvh_die "/usr/bin/hvharden is not 0755"
hvh_note "$(dpkg-deb -c "$deb" | wc -l) entries, all root/root, 0755 directories and binary, 0644 files"
if command -v systemd-analyze >/dev/null; then
    # Only the unit files' own problems: the binary is not at /usr/bin here, and man pages are
    # not installed on this machine.
    verify="$(systemd-analyze verify "$root/lib/systemd/system/hvharden-plan.service" \
        "$root/lib/systemd/system/hvharden-plan.timer" 2>&1 |
        grep -v -e 'is not executable' -e "Command 'man " || true)"
    [[ -z "$verify" ]] || hvh_die "systemd-analyze verify: $verify"
    hvh_note "systemd-analyze verify: the units are well-formed"
fi

hvh_step "The packaged binary with $toolchain hidden (unshare --mount)"
# A profile that exists only in the package's profile directory (in the namespace), to show
# that a name is looked up there.
share="$work/share"
mkdir -p "$share"
cp -a "$root/usr/share/hvharden" "$share/hvharden"
cat >"$share/hvharden/profiles/hvh-check-installed.yaml" <<'EOF'
apiVersion: hvharden/v1
kind: Profile
metadata: {name: hvh-check-installed, description: "Found by name in /usr/share/hvharden/profiles"}
extends: [nist-800-125a-high]
EOF
debug_bin=""
[[ -x .build/debug/hvharden ]] && debug_bin="$PWD/.build/debug/hvharden"
export HVH_ROOT="$root" HVH_SHARE="$share" HVH_VERSION="$version" HVH_TOOLCHAIN="$toolchain" HVH_DEBUG_BIN="$debug_bin"
unshare --mount --propagation private bash -euo pipefail -c '
    note() { printf "    %s\n" "$*"; }
    if [[ -d "$HVH_TOOLCHAIN" ]]; then
        mount -t tmpfs -o size=1m,mode=0755 hvh-no-swift "$HVH_TOOLCHAIN"
        [[ -z "$(ls -A "$HVH_TOOLCHAIN")" ]]
        note "$HVH_TOOLCHAIN is an empty tmpfs in this namespace"
    else
        note "$HVH_TOOLCHAIN does not exist on this machine: nothing to hide"
    fi
    # The package puts /usr/share/hvharden; a read-only overlay shows it on top of /usr/share.
    mount -t overlay hvh-share -o "lowerdir=$HVH_SHARE:/usr/share" /usr/share
    hvharden="$HVH_ROOT/usr/bin/hvharden"
    if ldd "$hvharden" | grep -E "not found|libswift|libFoundation"; then
        echo "error: the packaged binary misses libraries without the toolchain" >&2; exit 1
    fi
    out="$("$hvharden" --version)"
    [[ "$out" == "$HVH_VERSION" ]] || { echo "error: hvharden --version printed \"$out\", not $HVH_VERSION" >&2; exit 1; }
    note "hvharden --version: $out"
    "$hvharden" validate nist-800-125a-baseline nist-800-125a-high
    note "hvharden validate nist-800-125a-baseline nist-800-125a-high: valid"
    "$hvharden" validate hvh-check-installed
    note "hvharden validate hvh-check-installed (only in /usr/share/hvharden/profiles): valid"
    rules="$("$hvharden" rules --profile nist-800-125a-high)"
    [[ -n "$rules" ]] || { echo "error: hvharden rules printed nothing" >&2; exit 1; }
    note "hvharden rules --profile nist-800-125a-high: $(wc -l <<<"$rules") lines"
    "$hvharden" explain domain-graphics-listen-local >/dev/null
    note "hvharden explain domain-graphics-listen-local: ok"
    if [[ -n "$HVH_DEBUG_BIN" && -d "$HVH_TOOLCHAIN" ]]; then
        if "$HVH_DEBUG_BIN" --version >/dev/null 2>&1; then
            echo "error: the debug build (RUNPATH into $HVH_TOOLCHAIN) started with the toolchain hidden: the check proves nothing" >&2
            exit 1
        fi
        note "the debug build, linked against $HVH_TOOLCHAIN, does not start here (as expected)"
    fi
'
hvh_note "$deb works without $toolchain"
