/// The host's TPM and whether firmware left a measured-boot event log for attestation.
public struct TPMFacts: Codable, Sendable, Equatable {
    /// `/sys/class/tpm/tpm0` exists.
    public var present: Bool
    /// `/sys/class/tpm/tpm0/tpm_version_major` (1 or 2); nil without a TPM or on kernels before
    /// 5.6, which lack the attribute.
    public var versionMajor: Int?
    /// `/sys/kernel/security/tpm0/binary_bios_measurements` exists: the boot was measured and the
    /// log is available to an attestation agent.
    public var measuredBootLog: Bool

    public init(present: Bool = false, versionMajor: Int? = nil, measuredBootLog: Bool = false) {
        self.present = present
        self.versionMajor = versionMajor
        self.measuredBootLog = measuredBootLog
    }
}

extension TPMFacts {
    init(reading tree: some FactsSource) {
        self.init(
            present: tree.exists("/sys/class/tpm/tpm0"),
            versionMajor: tree.int("/sys/class/tpm/tpm0/tpm_version_major"),
            measuredBootLog: tree.exists("/sys/kernel/security/tpm0/binary_bios_measurements")
        )
    }
}
