#!/usr/bin/env bash
# Makes the Python peer's virtual environment: libvirt-python (built from its sdist against the
# system's libvirt, so it needs libvirt-dev, pkg-config, python3-dev and gcc) and lxml, at pinned
# versions, from PyPI (libvirt-python publishes only an sdist). Idempotent: a venv that already
# imports both is kept.
# Usage: bench/python/setup-venv.sh [VENV_DIR]   (default .build/bench-venv)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
venv=${1:-.build/bench-venv}
python=${BENCH_PYTHON:-/usr/bin/python3}
if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c 'import libvirt, lxml' 2>/dev/null; then
    echo "$venv"
    exit 0
fi
for tool in pkg-config gcc; do
    command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install pkg-config gcc)" >&2; exit 1; }
done
pkg-config --exists libvirt || { echo "error: libvirt-dev is missing (apt-get install libvirt-dev)" >&2; exit 1; }
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check \
    "libvirt-python==12.8.0" "lxml==6.1.3" >&2
"$venv/bin/python" -c 'import libvirt, lxml' || { echo "error: the venv at $venv cannot import libvirt and lxml" >&2; exit 1; }
echo "$venv"
