/// The topic keys rules cite (`references.topic`), one per recommendation area of NIST SP
/// 800-125A Rev 1 as docs/controls.md lays them out: platform integrity and the baseline
/// functions HY-BF1, 2, 4 and 5 (HY-BF3 has no configurable control of its own).
public enum TopicKey {
    /// Platform integrity: measured or secure boot of the hypervisor host.
    public static let platformIntegrity = "PI-1"

    /// Every key, in the order docs/controls.md lists them.
    public static let all: [String] = [platformIntegrity, "B1-1", "B1-2", "B1-3", "B1-4", "B1-T"]
        + (1...6).map { "B2-\($0)" } + (1...10).map { "B4-\($0)" } + (1...8).map { "B5-\($0)" }
}
