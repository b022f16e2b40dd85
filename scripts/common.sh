# shellcheck shell=bash
# Helpers sourced by the other scripts in this directory; not meant to be run on its own.

# Progress goes to stdout so that it interleaves in order with the build and test output.
hvh_step() { printf '\n==> %s\n' "$*"; }
hvh_note() { printf '    %s\n' "$*"; }
hvh_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Swift lives in /opt/swift/usr/bin on the build machines. Login shells get it from
# /etc/profile.d/swift.sh, but CI and `bash script.sh` run non-login shells that don't.
hvh_ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        local dir
        for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
            if [[ -x "$dir/swift" ]]; then
                PATH="$PATH:$dir"
                export PATH
                break
            fi
        done
    fi
    command -v swift >/dev/null 2>&1 ||
        hvh_die "'swift' is not on PATH and not in /opt/swift/usr/bin; install Swift 6.x first"
}
