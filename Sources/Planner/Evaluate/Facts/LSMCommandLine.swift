/// The tokens of the running kernel's command line (`/proc/cmdline`) that switch a mandatory
/// access control off or choose another security module: `apparmor=0`, `selinux=0`,
/// `security=NAME` and the `lsm=` list. A token that disables the MAC other than the enforcing one
/// is harmless (`selinux=0` on an AppArmor host).
enum LSMCommandLine {
    static let macs = ["apparmor", "selinux"]

    /// One sentence per token that keeps the MAC (`enforcing`, or either when none enforces) off.
    static func problems(_ cmdline: String, enforcing: String?) -> [String] {
        let wanted = enforcing.map { [$0] } ?? macs
        var problems: [String] = []
        for token in cmdline.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let parts = token.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let (name, value) = (parts[0], parts[1])
            if wanted.contains(name), KernelBoolean.parse(value) == false {
                problems.append("/proc/cmdline has '\(token)', which disables \(name == "apparmor" ? "AppArmor" : "SELinux")")
            } else if name == "security", !wanted.contains(value) {
                problems.append("/proc/cmdline has '\(token)', which makes '\(value)' the major security module instead of \(names(wanted))")
            } else if name == "lsm", !value.split(separator: ",").contains(where: { wanted.contains(String($0)) }) {
                problems.append("/proc/cmdline has '\(token)', a security module list without \(names(wanted))")
            }
        }
        return problems
    }

    private static func names(_ macs: [String]) -> String {
        macs.map { "'\($0)'" }.joined(separator: " or ")
    }
}
