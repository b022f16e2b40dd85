/// Host programs that some fixes depend on, found by path under the root.
public struct SoftwareFacts: Codable, Sendable, Equatable {
    /// The directories searched, in order, as libvirt finds helpers on its PATH.
    public static let binDirectories = ["/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin", "/sbin"]

    /// The first `swtpm` (the TPM emulator libvirt starts for `<backend type='emulator'>`); nil
    /// when none exists.
    public var swtpm: String?
    /// The first `swtpm_setup`, which libvirt runs to create a guest's TPM state.
    public var swtpmSetup: String?

    public init(swtpm: String? = nil, swtpmSetup: String? = nil) {
        self.swtpm = swtpm
        self.swtpmSetup = swtpmSetup
    }
}

extension SoftwareFacts {
    init(reading tree: some FactsSource) {
        func find(_ name: String) -> String? {
            Self.binDirectories.map { "\($0)/\(name)" }.first { tree.exists($0) && !tree.isDirectory($0) }
        }
        self.init(swtpm: find("swtpm"), swtpmSetup: find("swtpm_setup"))
    }
}
