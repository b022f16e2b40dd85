import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Host paths resolved the way the host itself would resolve them with `root` as `/`: every
/// symbolic link followed, an absolute target taken from the root (as a chroot would), so a
/// sandbox copy of a host never reads the machine's own files through a link such as
/// `/lib -> /usr/lib` or `99-sysctl.conf -> /etc/sysctl.conf`.
enum RootedPath {
    /// The most links followed before a path is taken for a loop (the kernel's limit).
    static let maximumLinks = 40

    /// The host path `hostPath` leads to; nil when it leads nowhere (a missing component, a
    /// dangling link, a loop). `/dev/null` is returned as such when the root has it.
    static func resolve(_ hostPath: String, paths: HostPaths) -> String? {
        var pending = components(hostPath)
        var resolved: [String] = []
        var links = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." { continue }
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            var st = stat()
            guard lstat(paths.onDisk(candidate), &st) == 0 else { return nil }
            guard (st.st_mode & S_IFMT) == S_IFLNK else {
                resolved.append(component)
                continue
            }
            links += 1
            guard links <= maximumLinks,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: paths.onDisk(candidate)) else { return nil }
            if target.hasPrefix("/") { resolved = [] }
            pending = components(target) + pending
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// Whether a file status is the null device, character device 1:3 (glibc's encoding of
    /// `dev_t`: the major number in bits 8-19 and 44-63, the minor in bits 0-7 and 20-43).
    static func isNullDevice(_ st: stat) -> Bool {
        let rdev = UInt64(st.st_rdev)
        let major = ((rdev & 0xfff00) >> 8) | ((rdev & 0xffff_f000_0000_0000) >> 32)
        let minor = (rdev & 0xff) | ((rdev & 0x0000_0fff_fff0_0000) >> 12)
        return (st.st_mode & S_IFMT) == S_IFCHR && major == 1 && minor == 3
    }

    private static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }
}
