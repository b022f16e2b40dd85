/// Which mandatory access control the kernel runs, as libvirt's security drivers need it: naming
/// a driver in qemu.conf that the kernel does not run stops libvirtd's QEMU driver from loading.
public struct MACFacts: Codable, Sendable, Equatable {
    /// `/sys/module/apparmor/parameters/enabled` (`Y`/`N`); nil without the AppArmor module.
    public var apparmorEnabled: Bool?
    /// `/sys/kernel/security/apparmor` is a directory: AppArmor's securityfs interface is up, so
    /// policy (libvirt's per-guest profiles) can be loaded.
    public var apparmorSecurityFS: Bool
    /// `/sys/fs/selinux/enforce`: true enforcing, false permissive; nil when SELinux is not active.
    public var selinuxEnforcing: Bool?
    /// `/sys/kernel/security/apparmor/profiles`: each loaded AppArmor profile's name to its mode
    /// (`enforce`, `complain`, `kill`, `unconfined`), from lines `NAME (MODE)`; nil when the file
    /// is unreadable (only root may read it, and only with securityfs mounted).
    public var apparmorProfiles: [String: String]?
    /// Derived: `selinux` when SELinux enforces; otherwise `apparmor` when AppArmor is enabled and
    /// its securityfs is up; nil when neither can be shown. libvirt's driver probe tries SELinux
    /// first too.
    public var enforcing: String?

    public init(
        apparmorEnabled: Bool? = nil, apparmorSecurityFS: Bool = false, selinuxEnforcing: Bool? = nil,
        apparmorProfiles: [String: String]? = nil
    ) {
        self.apparmorEnabled = apparmorEnabled
        self.apparmorSecurityFS = apparmorSecurityFS
        self.selinuxEnforcing = selinuxEnforcing
        self.apparmorProfiles = apparmorProfiles
        if selinuxEnforcing == true {
            enforcing = "selinux"
        } else if apparmorEnabled == true && apparmorSecurityFS {
            enforcing = "apparmor"
        } else {
            enforcing = nil
        }
    }
}

extension MACFacts {
    enum CodingKeys: String, CodingKey { case apparmorEnabled, apparmorSecurityFS, selinuxEnforcing, apparmorProfiles, enforcing }

    /// `enforcing` is derived again from the observations, so a file cannot contradict them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            apparmorEnabled: try c.decodeIfPresent(Bool.self, forKey: .apparmorEnabled),
            apparmorSecurityFS: try c.decodeIfPresent(Bool.self, forKey: .apparmorSecurityFS) ?? false,
            selinuxEnforcing: try c.decodeIfPresent(Bool.self, forKey: .selinuxEnforcing),
            apparmorProfiles: try c.decodeIfPresent([String: String].self, forKey: .apparmorProfiles))
    }

    init(reading tree: some FactsSource) {
        self.init(
            apparmorEnabled: tree.bool("/sys/module/apparmor/parameters/enabled"),
            apparmorSecurityFS: tree.isDirectory("/sys/kernel/security/apparmor"),
            selinuxEnforcing: tree.bool("/sys/fs/selinux/enforce"),
            apparmorProfiles: tree.string("/sys/kernel/security/apparmor/profiles").map(Self.profiles))
    }

    /// Lines `NAME (MODE)`; a name may hold spaces, so the mode is the last parenthesis. Lines of
    /// another shape are left out.
    static func profiles(_ text: String) -> [String: String] {
        var profiles: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard line.hasSuffix(")"), let open = line.range(of: " (", options: .backwards) else { continue }
            let name = String(line[..<open.lowerBound])
            let mode = String(line[open.upperBound..<line.index(before: line.endIndex)])
            if !name.isEmpty, !mode.isEmpty { profiles[name] = mode }
        }
        return profiles
    }
}
