import Compiler

/// Where the fix of a config key must be written to take effect, or why no file hvharden may
/// edit would do.
///
/// For qemu.conf, libvirtd.conf and /etc/default/grub it is the file itself. For sysctl and
/// modprobe, whose programs read many files and keep the last assignment:
/// 1. the file of the deciding line, edited in place, when it is a regular file under /etc (the
///    administrator's: after the fix it says what the kernel gets, and no second file
///    contradicts it), unless the line is a sysctl pattern;
/// 2. otherwise hvharden's own file, when a line added there would be the deciding one
///    (nothing read after it sets the key; an explicit sysctl key always beats a pattern);
/// 3. otherwise nothing: the deciding line is in a file hvharden must not edit (a package's
///    file under /usr or /lib, the runtime directory /run) that is read after hvharden's own
///    file, or on the kernel command line. The plan reports it, naming file and line, and how to
///    override it from /etc (a file of the same name there replaces it). hvharden does not make
///    that copy itself: it would freeze the package's other settings against later updates,
///    and masking the file would drop them.
enum ConfigFixTarget: Equatable {
    case file(String)
    case blocked(String)

    /// The kernel command line, when it decides a module parameter.
    static let commandLine = "/proc/cmdline"

    static func choose(_ entry: ConfigEntry, _ kind: ConfigFile, commandLineToken: String? = nil) -> ConfigFixTarget {
        guard kind.isMultiFile else { return .file(entry.definedIn ?? kind.writablePath) }
        if let token = commandLineToken {
            return .blocked("the running kernel's command line (\(commandLine)) has \(token), which modprobe passes after every "
                + "modprobe.d option: remove it from GRUB_CMDLINE_LINUX in /etc/default/grub (or the boot loader's "
                + "configuration), regenerate it and reboot")
        }
        if let file = entry.definedIn, entry.editable, entry.pattern == nil { return .file(file) }
        if entry.ownFileWins { return .file(kind.writablePath) }
        guard entry.definedIn != nil else {
            return .blocked("a file named like \(kind.writablePath) is read but is not hvharden's own regular file under /etc "
                + "(a link to /dev/null, or a package's file of that name), so a line there would not be read")
        }
        let at = entry.location ?? "the file that sets it"
        let name = entry.definedIn.flatMap { $0.split(separator: "/").last.map(String.init) } ?? "the same name"
        let why = entry.definedIn.flatMap(ConfigFileResource.notWritable) ?? "is not a file under /etc"
        return .blocked("hvharden does not edit \(at): it \(why), and it is read after \(kind.writablePath), so a fix there "
            + "would not take effect; copy it to \(kind.dropInDirectories[0])/\(name) with the setting changed "
            + "(a file of that name under /etc replaces it)")
    }
}
