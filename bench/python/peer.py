"""The Python peer of hvharden's floor (bench/floor/FloorReader.swift): the same reading work in
libvirt-python and lxml, one thread. One listAllDomains, one XMLDesc(INACTIVE|SECURE) per
selected domain, an lxml parse, the same six XPath checks, and the same targeted Augeas reads
(libaugeas through ctypes: the plan's files mapped to their lenses, one load, every key looked
up). Prints one key=value line like `hvharden-floor read`.

Usage: python peer.py URI ROOT PREFIX KEYS_JSON
"""
import ctypes
import ctypes.util
import json
import sys
import time

import libvirt
from lxml import etree

# kind: (lens, file globs, whether the lens keeps a value in a `value` child, as Systemd's does)
FILES = {
    "qemu.conf": ("Libvirtd_qemu.lns", ["/etc/libvirt/qemu.conf"], False),
    "libvirtd.conf": ("Libvirtd.lns", ["/etc/libvirt/libvirtd.conf"], False),
    "virtqemud.conf": ("Libvirtd.lns", ["/etc/libvirt/virtqemud.conf"], False),
    "virtproxyd.conf": ("Libvirtd.lns", ["/etc/libvirt/virtproxyd.conf"], False),
    "virtlogd.conf": ("Virtlogd.lns", ["/etc/libvirt/virtlogd.conf"], False),
    "sysctl": ("Sysctl.lns", ["/etc/sysctl.conf", "/etc/sysctl.d/*.conf", "/usr/lib/sysctl.d/*.conf"], False),
    "modprobe": ("Modprobe.lns", ["/etc/modprobe.d/*.conf", "/usr/lib/modprobe.d/*.conf"], False),
    "grub": ("Shellvars.lns", ["/etc/default/grub"], False),
    "coredump": ("Systemd.lns", ["/etc/systemd/coredump.conf", "/etc/systemd/coredump.conf.d/*.conf",
                                 "/usr/lib/systemd/coredump.conf.d/*.conf"], True),
}
AUG_NO_LOAD = 1 << 5
AUG_NO_MODL_AUTOLOAD = 1 << 6


def augeas_read(root, keys):
    aug = ctypes.CDLL(ctypes.util.find_library("augeas") or "libaugeas.so.0")
    aug.aug_init.restype = ctypes.c_void_p
    aug.aug_init.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
    aug.aug_transform.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
    aug.aug_load.argtypes = [ctypes.c_void_p]
    aug.aug_get.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p)]
    aug.aug_close.argtypes = [ctypes.c_void_p]
    handle = aug.aug_init(root.encode(), None, AUG_NO_LOAD | AUG_NO_MODL_AUTOLOAD)
    if not handle:
        raise SystemExit(f"aug_init failed under {root}")
    try:
        for kind in sorted(keys):
            lens, globs, _ = FILES[kind]
            for glob in globs:
                if aug.aug_transform(handle, lens.encode(), glob.encode(), 0) < 0:
                    raise SystemExit(f"aug_transform {lens} {glob} failed")
        if aug.aug_load(handle) != 0:
            raise SystemExit("aug_load failed")
        found = 0
        for kind, names in keys.items():
            _, globs, value_child = FILES[kind]
            suffix = "/value" if value_child else ""
            for name in names:
                for glob in globs:
                    value = ctypes.c_char_p()
                    # aug_get on a glob: 1 when exactly one node matches, -1 when several.
                    if aug.aug_get(handle, f"/files{glob}/{name}{suffix}".encode(), ctypes.byref(value)) != 0 and value.value is not None:
                        found += 1
                        break
        return found
    finally:
        aug.aug_close(handle)


def main():
    uri, root, prefix, keys_path = sys.argv[1:5]
    with open(keys_path) as f:
        keys = json.load(f)
    started = time.perf_counter()
    report = dict(domains=0, rpc=0, secrets=0, graphics=0, disks=0, interfaces=0, secure_boot=0, kvm=0)
    report["keys_found"] = augeas_read(root, keys)
    augeas_ms = (time.perf_counter() - started) * 1e3

    libvirt.registerErrorHandler(lambda _ctx, _err: None, None)
    connection = libvirt.open(uri)
    report["rpc"] += 1
    domains = connection.listAllDomains(0)
    report["rpc"] += 1
    secrets = etree.XPath("//@passwd | //@password")
    graphics = etree.XPath("/domain/devices/graphics")
    disks = etree.XPath("/domain/devices/disk[@device='disk']")
    interfaces = etree.XPath("/domain/devices/interface")
    secure_boot = etree.XPath("boolean(/domain/os/loader[@secure='yes'])")
    kvm = etree.XPath("boolean(/domain[@type='kvm'])")
    flags = libvirt.VIR_DOMAIN_XML_INACTIVE | libvirt.VIR_DOMAIN_XML_SECURE
    wanted = prefix + "-"
    for domain in domains:
        if not domain.name().startswith(wanted):
            continue
        xml = domain.XMLDesc(flags)
        report["rpc"] += 1
        document = etree.fromstring(xml.encode())
        report["secrets"] += len(secrets(document))
        report["graphics"] += len(graphics(document))
        report["disks"] += len(disks(document))
        report["interfaces"] += len(interfaces(document))
        report["secure_boot"] += 1 if secure_boot(document) else 0
        report["kvm"] += 1 if kvm(document) else 0
        report["domains"] += 1
    connection.close()
    total_ms = (time.perf_counter() - started) * 1e3
    print(" ".join(f"{k}={v}" for k, v in report.items()) + f" augeas_ms={augeas_ms:.1f} total_ms={total_ms:.1f}")


if __name__ == "__main__":
    main()
