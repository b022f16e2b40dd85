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
    /// Derived: `selinux` when SELinux enforces; otherwise `apparmor` when AppArmor is enabled and
    /// its securityfs is up; nil when neither can be shown. libvirt's driver probe tries SELinux
    /// first too.
    public var enforcing: String?

    public init(apparmorEnabled: Bool? = nil, apparmorSecurityFS: Bool = false, selinuxEnforcing: Bool? = nil) {
        self.apparmorEnabled = apparmorEnabled
        self.apparmorSecurityFS = apparmorSecurityFS
        self.selinuxEnforcing = selinuxEnforcing
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
    enum CodingKeys: String, CodingKey { case apparmorEnabled, apparmorSecurityFS, selinuxEnforcing, enforcing }

    /// `enforcing` is derived again from the observations, so a file cannot contradict them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            apparmorEnabled: try c.decodeIfPresent(Bool.self, forKey: .apparmorEnabled),
            apparmorSecurityFS: try c.decodeIfPresent(Bool.self, forKey: .apparmorSecurityFS) ?? false,
            selinuxEnforcing: try c.decodeIfPresent(Bool.self, forKey: .selinuxEnforcing))
    }

    init(reading tree: some FactsSource) {
        self.init(
            apparmorEnabled: tree.bool("/sys/module/apparmor/parameters/enabled"),
            apparmorSecurityFS: tree.isDirectory("/sys/kernel/security/apparmor"),
            selinuxEnforcing: tree.bool("/sys/fs/selinux/enforce"))
    }
}
