#!/usr/bin/env bash
# Starts virtlogd and libvirtd by hand (there is no systemd on the CI machines, and
# policy-rc.d stops the packages from starting them) and waits until qemu:///system answers.
# Idempotent: daemons that are already running are left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/common.sh
source scripts/common.sh

readonly socket=/run/libvirt/libvirt-sock
readonly uri=qemu:///system
readonly timeout_seconds=30
readonly log_file=/var/log/libvirt/libvirtd.log

# One probe, bounded: a daemon that accepts the connection but hangs must not hang us.
answers() { [[ -S "$socket" ]] && timeout 10 virsh -q -c "$uri" version >/dev/null 2>&1; }

hvh_step "libvirtd"
if ((EUID != 0)); then
    answers || hvh_die "libvirtd is not answering on $uri, and starting it needs root"
    hvh_note "$uri answers (not root: /dev/kvm and the daemons were left as they are)"
    exit 0
fi
command -v libvirtd >/dev/null 2>&1 || hvh_die "'libvirtd' not found; run scripts/install-deps.sh first"

# udev normally gives /dev/kvm to group kvm, mode 0660. Containers leave it root:root 0600,
# so libvirt's QEMU user cannot open it, libvirt decides KVM is unusable and re-probes QEMU
# on every define (~48 s each instead of ~20 ms). Fix it before libvirtd first probes.
if [[ -e /dev/kvm ]]; then
    getent group kvm >/dev/null || hvh_die "group 'kvm' does not exist (libvirt-daemon-system creates it)"
    if [[ "$(stat -c '%G %a' /dev/kvm)" != "kvm 660" ]]; then
        chgrp kvm /dev/kvm
        chmod 0660 /dev/kvm
        hvh_note "/dev/kvm: set group 'kvm', mode 0660"
    fi
else
    hvh_note "/dev/kvm is absent: real guests can only use TCG (type='qemu')"
fi

if pgrep -x virtlogd >/dev/null; then
    hvh_note "virtlogd already running"
else
    virtlogd -d
    hvh_note "started virtlogd"
fi

if pgrep -x libvirtd >/dev/null; then
    hvh_note "libvirtd already running"
else
    mkdir -p "$(dirname "$log_file")"
    # Errors and warnings go to a file so that a failed start can be explained below; the
    # variable only affects this daemon process, not the configuration files.
    LIBVIRT_LOG_OUTPUTS="3:file:$log_file" libvirtd -d
    hvh_note "started libvirtd"
fi

# The 'default' NAT network is not needed: the tests and the lab use no networking. Debian
# does not autostart it, and starting it would need dnsmasq (only a recommended package), so
# we wait for the daemon alone, never for a network.
deadline=$((SECONDS + timeout_seconds))
until answers; do
    if ((SECONDS >= deadline)); then
        printf 'error: libvirtd did not answer on %s (%s) within %d s\n' "$uri" "$socket" "$timeout_seconds" >&2
        pgrep -ax libvirtd >&2 || printf '       libvirtd is not running\n' >&2
        if [[ -s "$log_file" ]]; then
            printf '       last lines of %s:\n' "$log_file" >&2
            tail -n 20 "$log_file" | sed 's/^/       /' >&2
        fi
        timeout 10 virsh -c "$uri" version >&2 || true
        exit 1
    fi
    sleep 1
done
hvh_note "$uri is up: $(virsh -q -c "$uri" version 2>/dev/null | grep -i 'running hypervisor' || echo 'ready')"
