#!/usr/bin/env bash
# Builds the Debian package dist/hvharden_VERSION_ARCH.deb (VERSION: HVHardenVersion.current in
# Sources/Compiler/Version.swift), for hypervisor hosts without a Swift toolchain:
#
#   /usr/bin/hvharden                          release build, Swift runtime linked statically
#   /usr/share/man/man1/hvharden.1.gz, hvharden-SUBCOMMAND.1.gz
#                                              from docs/man/ through scripts/package-man.py
#   /usr/share/bash-completion/completions/hvharden, /usr/share/zsh/vendor-completions/_hvharden,
#   /usr/share/fish/vendor_completions.d/hvharden.fish       from docs/completions/
#   /usr/share/hvharden/profiles/*.yaml        profiles/ (found by name, see ProfileLoader)
#   /lib/systemd/system/hvharden-plan.{service,timer}       packaging/systemd/, not enabled
#   /usr/share/doc/hvharden/{copyright,changelog.gz}        packaging/debian/
#
# The binary is checked before it is packaged: no RUNPATH or RPATH into the toolchain, and no
# shared library from it (ldd). Depends: is what dpkg-shlibdeps computes from the binary, plus
# augeas-lenses (data Augeas reads at run time, which no linker sees). Then lintian runs, and
# any error fails the script. Installs the tools it needs (dpkg-dev, binutils, mandoc, lintian)
# with apt when run as root. The build's scratch path is HVH_PACKAGE_SCRATCH_PATH (default
# .build-pkg). Prints the package's path as its last line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh

scratch="${HVH_PACKAGE_SCRATCH_PATH:-.build-pkg}"
toolchain=/opt/swift

version="$(sed -n 's/^ *public static let current = "\([^"]*\)".*/\1/p' Sources/Compiler/Version.swift)"
[[ "$version" =~ ^[0-9][0-9A-Za-z.+~]*$ ]] ||
    hvh_die "cannot read a Debian version from HVHardenVersion.current in Sources/Compiler/Version.swift ('$version')"
changelog_version="$(sed -n '1s/^hvharden (\([^)]*\)).*/\1/p' packaging/debian/changelog)"
[[ "$changelog_version" == "$version" ]] ||
    hvh_die "packaging/debian/changelog's latest entry is $changelog_version, hvharden is $version: add an entry"

hvh_step "Packaging tools"
tools=(dpkg-dev binutils mandoc lintian python3 gzip)
missing=()
for pkg in "${tools[@]}"; do
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" == installed ]] || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
    ((EUID == 0)) || hvh_die "missing packages (${missing[*]}); install them or run this script as root"
    hvh_note "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q </dev/null
    apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}" </dev/null
else
    hvh_note "${tools[*]}: installed"
fi
arch="$(dpkg --print-architecture)"

hvh_ensure_swift
hvh_step "swift build -c release --static-swift-stdlib --product hvharden (scratch path $scratch)"
# Full RELRO (-z now) as Debian's hardening flags give C programs (lintian: hardening-no-bindnow).
build=(-c release --static-swift-stdlib -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now --scratch-path "$scratch")
swift build "${build[@]}" --product hvharden
built="$(swift build "${build[@]}" --show-bin-path)/hvharden"
[[ -x "$built" ]] || hvh_die "build finished but '$built' is missing"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root"

hvh_step "Binary"
install -D -m 0755 "$built" "$root/usr/bin/hvharden"
# Debian ships stripped binaries (lintian: unstripped-binary-or-object).
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/hvharden"
bin="$root/usr/bin/hvharden"
if readelf -d "$bin" | grep -E '\((RUNPATH|RPATH)\)' | grep -F "$toolchain"; then
    hvh_die "the binary's RUNPATH/RPATH points into $toolchain"
fi
libraries="$(ldd "$bin")"
if grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found|'"$toolchain" <<<"$libraries"; then
    hvh_die "the binary needs a library from the Swift toolchain or one that is missing (ldd above)"
fi
hvh_note "no RUNPATH/RPATH into $toolchain; shared libraries:"
awk '{ print "      " $1 }' <<<"$libraries"

hvh_step "Dependencies (dpkg-shlibdeps)"
mkdir -p "$work/shlibs/debian"
printf 'Source: hvharden\n\nPackage: hvharden\nArchitecture: any\n' >"$work/shlibs/debian/control"
shlibs="$(cd "$work/shlibs" && dpkg-shlibdeps -O --ignore-missing-info -e"$bin" 2>"$work/shlibdeps.err")" || {
    cat "$work/shlibdeps.err" >&2
    hvh_die "dpkg-shlibdeps failed"
}
depends="${shlibs#shlibs:Depends=}"
for needed in libvirt0 libaugeas0 libxml2; do
    grep -qE "(^|, )$needed( |,|$)" <<<"$depends" ||
        hvh_die "dpkg-shlibdeps did not list $needed, which hvharden links: '$depends'"
done
# Augeas parses configuration files with the lenses in /usr/share/augeas/lenses.
depends="$depends, augeas-lenses"
hvh_note "Depends: $depends"

hvh_step "Man pages, completions, profiles, units, documents"
python3 scripts/package-man.py docs/man "$work/man"
for page in "$work"/man/*.1; do
    # Lint what goes into the package: mandoc's warnings and groff's both fail the build.
    # (Style notes are allowed: long source lines, and references to pages not yet installed.)
    if mandoc -T lint -W warning "$page"; then :; else hvh_die "mandoc -T lint: $page has warnings"; fi
    groff_out="$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)"
    [[ -z "$groff_out" ]] || hvh_die "man --warnings: $page: $groff_out"
    install -D -m 0644 "$page" "$root/usr/share/man/man1/$(basename "$page")"
    gzip -9n "$root/usr/share/man/man1/$(basename "$page")"
done
hvh_note "$(ls "$root/usr/share/man/man1" | wc -l) man pages"
# bash-completion sources the file; a #! line would only mislead (lintian: bash-completion-with-hashbang).
install -d -m 0755 "$root/usr/share/bash-completion/completions"
sed '1{/^#!/d}' docs/completions/hvharden.bash >"$root/usr/share/bash-completion/completions/hvharden"
install -D -m 0644 docs/completions/hvharden.zsh "$root/usr/share/zsh/vendor-completions/_hvharden"
install -D -m 0644 docs/completions/hvharden.fish "$root/usr/share/fish/vendor_completions.d/hvharden.fish"
install -d -m 0755 "$root/usr/share/hvharden/profiles"
install -m 0644 profiles/*.yaml "$root/usr/share/hvharden/profiles/"
install -D -m 0644 packaging/systemd/hvharden-plan.service "$root/lib/systemd/system/hvharden-plan.service"
install -D -m 0644 packaging/systemd/hvharden-plan.timer "$root/lib/systemd/system/hvharden-plan.timer"
install -D -m 0644 packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/hvharden"
install -D -m 0644 packaging/debian/copyright "$root/usr/share/doc/hvharden/copyright"
# A native package (no Debian revision in the version): its Debian changelog is changelog.gz.
install -m 0644 packaging/debian/changelog "$root/usr/share/doc/hvharden/changelog"
gzip -9n "$root/usr/share/doc/hvharden/changelog"

# install -D creates parents with the umask's mode; make every directory 0755, every file 0644
# but the binary, and give every file the changelog's date so two builds give the same files.
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f ! -path "$root/usr/bin/hvharden" -exec chmod 0644 {} +
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH="$(date -d "$(sed -n 's/^ -- .*>  //p' packaging/debian/changelog | head -n 1)" +%s)"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

hvh_step "Control file"
mkdir -m 0755 "$root/DEBIAN"
installed_size="$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
    -e "s/@DEPENDS@/$depends/" packaging/debian/control >"$root/DEBIAN/control"
chmod 0644 "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\n' | LC_ALL=C sort | xargs md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"
sed 's/^/    /' "$root/DEBIAN/control"

hvh_step "dpkg-deb --build"
mkdir -p dist
deb="dist/hvharden_${version}_${arch}.deb"
rm -f "$deb"
dpkg-deb --build --root-owner-group -Zxz "$root" "$deb" >/dev/null
hvh_note "$deb: $(du -h --apparent-size "$deb" | cut -f1), installed $installed_size KiB"

hvh_step "lintian"
# Lintian refuses to run as root unless told it may; the package is only read.
set +e
lintian --allow-root --tag-display-limit 0 --display-info "$deb" >"$work/lintian.out" 2>&1
lintian_status=$?
set -e
sed 's/^/    /' "$work/lintian.out"
if grep -q '^E: ' "$work/lintian.out"; then
    hvh_die "lintian reports errors for $deb"
fi
((lintian_status == 0)) || hvh_die "lintian failed (exit $lintian_status)"
hvh_note "lintian: $(grep -c '^E: ' "$work/lintian.out") errors, $(grep -c '^W: ' "$work/lintian.out") warnings, $(grep -c '^I: ' "$work/lintian.out") notes"
echo "$deb"
