#!/usr/bin/env bash
# Generates hvharden's shell completions and man pages from its command definitions
# (swift-argument-parser), into docs/completions/ and docs/man/, which are committed:
#
#   docs/completions/hvharden.{bash,zsh,fish}   hvharden --generate-completion-script SHELL
#   docs/man/hvharden.1, hvharden.SUBCOMMAND.1  swift package plugin generate-manual --multi-page
#   docs/man/hvharden.help.json                 hvharden --experimental-dump-help: what the pages
#                                               were generated from (a test compares it with the
#                                               built binary's)
#
# Run it after changing a command's options or help text. With --check it regenerates into a
# temporary directory and fails if the committed files differ (for CI). Builds with the
# scratch path in HVH_SCRATCH_PATH (default .build); the plugin runs offline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh
hvh_ensure_swift

# The date the man pages carry. Fixed, so that regenerating gives the same bytes; bump it with
# HVHardenVersion.current when releasing.
manual_date=2026-11-25

check=false
case "${1:-}" in
    --check) check=true ;;
    "") ;;
    *) hvh_die "usage: scripts/generate-docs.sh [--check]" ;;
esac
scratch="${HVH_SCRATCH_PATH:-.build}"

hvh_step "swift build --product hvharden"
swift build --scratch-path "$scratch" --product hvharden
hvharden="$(swift build --scratch-path "$scratch" --show-bin-path)/hvharden"
[[ -x "$hvharden" ]] || hvh_die "build finished but '$hvharden' is missing"

out=docs
if $check; then
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out/completions" "$out/man"

hvh_step "completions"
for shell in bash zsh fish; do
    "$hvharden" --generate-completion-script "$shell" >"$out/completions/hvharden.$shell"
    hvh_note "$out/completions/hvharden.$shell"
done

hvh_step "man pages (swift package plugin generate-manual)"
pages="$scratch/plugins/GenerateManual/outputs/hvharden"
# The plugin adds pages to what an earlier run left; a removed subcommand's page must go.
rm -rf "$pages"
swift package --scratch-path "$scratch" plugin generate-manual \
    --multi-page --date "$manual_date" --configuration debug >/dev/null
[[ -f "$pages/hvharden.1" ]] || hvh_die "the generate-manual plugin wrote no '$pages/hvharden.1'"
rm -f "$out"/man/*.1
cp "$pages"/*.1 "$out/man/"
"$hvharden" --experimental-dump-help >"$out/man/hvharden.help.json"
hvh_note "$(ls "$out"/man/*.1 | wc -l) pages in $out/man"

if $check; then
    hvh_step "compare with docs/"
    if ! diff -ru docs/completions "$out/completions" || ! diff -ru docs/man "$out/man"; then
        hvh_die "docs/completions or docs/man are out of date: run scripts/generate-docs.sh and commit the result"
    fi
    hvh_note "docs/completions and docs/man match the binary"
fi
