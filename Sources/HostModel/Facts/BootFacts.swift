import Foundation

/// How the running kernel was booted and what it enforces: firmware mode, Secure Boot, lockdown,
/// module signatures, command line and taint.
public struct BootFacts: Codable, Sendable, Equatable {
    /// `/sys/firmware/efi` exists: the kernel was started by UEFI firmware.
    public var uefi: Bool
    /// The `SecureBoot` EFI variable: true when its value byte is 1. nil when not booted by UEFI
    /// or when the variable is missing or unreadable (efivarfs not mounted).
    public var secureBoot: Bool?
    /// The active mode in `/sys/kernel/security/lockdown` ("none", "integrity", "confidentiality");
    /// nil when the lockdown LSM is not built in or securityfs is not mounted.
    public var lockdown: String?
    /// `/sys/module/module/parameters/sig_enforce`: only signed modules may load. nil when absent
    /// (kernels built without module signing).
    public var moduleSigEnforce: Bool?
    /// `/proc/cmdline`, trimmed.
    public var kernelCmdline: String?
    /// `/proc/sys/kernel/osrelease`, the running kernel's release (compare with installed kernels).
    public var kernelRelease: String?
    /// `/proc/sys/kernel/tainted` as a bit mask (bit 12: out-of-tree module, bit 13: unsigned module).
    public var tainted: Int?

    public init(
        uefi: Bool = false, secureBoot: Bool? = nil, lockdown: String? = nil,
        moduleSigEnforce: Bool? = nil, kernelCmdline: String? = nil, kernelRelease: String? = nil,
        tainted: Int? = nil
    ) {
        self.uefi = uefi
        self.secureBoot = secureBoot
        self.lockdown = lockdown
        self.moduleSigEnforce = moduleSigEnforce
        self.kernelCmdline = kernelCmdline
        self.kernelRelease = kernelRelease
        self.tainted = tainted
    }
}

extension BootFacts {
    /// The EFI global-variable GUID that `SecureBoot` lives under (UEFI spec, section 3.3).
    static let globalVariableGUID = "8be4df61-93ca-11d2-aa0d-00e098032b8c"

    init(reading tree: some FactsSource) {
        let uefi = tree.isDirectory("/sys/firmware/efi")
        self.init(
            uefi: uefi,
            secureBoot: uefi ? Self.secureBoot(tree) : nil,
            lockdown: Self.activeLockdown(tree.string("/sys/kernel/security/lockdown")),
            moduleSigEnforce: tree.bool("/sys/module/module/parameters/sig_enforce"),
            kernelCmdline: tree.string("/proc/cmdline"),
            kernelRelease: tree.nonEmptyString("/proc/sys/kernel/osrelease"),
            tainted: tree.int("/proc/sys/kernel/tainted")
        )
    }

    static func secureBoot(_ tree: some FactsSource) -> Bool? {
        // efivarfs prefixes every variable with its 4 attribute bytes; the value byte follows.
        if let data = tree.data("/sys/firmware/efi/efivars/SecureBoot-\(globalVariableGUID)"),
           data.count >= 5, let value = data.last {
            return value == 1
        }
        // The legacy sysfs-efivars interface (kernels before efivarfs) exposes the bare value.
        if let data = tree.data("/sys/firmware/efi/vars/SecureBoot-\(globalVariableGUID)/data"),
           data.count == 1, let value = data.first {
            return value == 1
        }
        return nil
    }

    /// "none [integrity] confidentiality" -> "integrity": the kernel brackets the active mode.
    static func activeLockdown(_ text: String?) -> String? {
        guard let text,
              let open = text.firstIndex(of: "["),
              let close = text[open...].firstIndex(of: "]")
        else { return nil }
        let mode = text[text.index(after: open)..<close]
        return mode.isEmpty ? nil : String(mode)
    }
}
