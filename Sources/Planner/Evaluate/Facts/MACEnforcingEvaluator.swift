import Compiler
import HostModel

/// B2-1: a mandatory access control confines libvirt and every running guest's QEMU. Either
/// SELinux enforces (`/sys/fs/selinux/enforce` is 1), or AppArmor is enabled with libvirtd's
/// profile and each running guest's `libvirt-<uuid>` profile loaded in enforce mode; and the
/// running kernel's command line does not switch that MAC off. qemu.conf's `security_driver`
/// is another rule's (qemu-security-driver-enabled).
struct MACEnforcingEvaluator: FactEvaluator {
    static let name = "mac-enforcing"
    /// The profiles Debian's libvirt ships for its daemons: the monolithic daemon and the QEMU
    /// driver's own daemon of the modular setup. One of them must be loaded.
    static let daemonProfiles = ["libvirtd", "virtqemud"]

    func evaluate(_ rule: Rule, _ context: FactContext) -> Outcome {
        let mac = context.facts.mac
        var problems = context.facts.boot.kernelCmdline.map { LSMCommandLine.problems($0, enforcing: mac.enforcing) } ?? []
        if mac.selinuxEnforcing != true {
            problems += apparmorProblems(mac, running: context.domains.filter(\.isRunning))
        }
        return problems.isEmpty ? .compliant : .finding(problems.joined(separator: "; "))
    }

    private func apparmorProblems(_ mac: MACFacts, running: [DomainSummary]) -> [String] {
        guard mac.apparmorEnabled == true else {
            let selinux = mac.selinuxEnforcing == false ? "SELinux is permissive (/sys/fs/selinux/enforce is 0)" : "SELinux is not active"
            let apparmor = mac.apparmorEnabled == false ? "AppArmor is disabled (/sys/module/apparmor/parameters/enabled is N)"
                : "AppArmor is not in the kernel (no /sys/module/apparmor/parameters/enabled)"
            return ["no mandatory access control enforces: \(selinux) and \(apparmor), so nothing confines libvirtd and QEMU beyond Unix permissions"]
        }
        guard mac.apparmorSecurityFS else {
            return ["AppArmor is enabled but /sys/kernel/security/apparmor is absent (securityfs not mounted), so no profile can be loaded or shown"]
        }
        guard let profiles = mac.apparmorProfiles else {
            return ["/sys/kernel/security/apparmor/profiles is unreadable (run as root), so the modes of libvirtd's and the guests' profiles cannot be evidenced"]
        }
        var problems: [String] = []
        let daemons = Self.daemonProfiles.filter { profiles[$0] != nil }
        if daemons.isEmpty {
            problems.append("no AppArmor profile for libvirtd (\(Self.daemonProfiles.map { "'\($0)'" }.joined(separator: " or "))) is loaded")
        }
        for daemon in daemons where profiles[daemon] != "enforce" {
            problems.append("the AppArmor profile '\(daemon)' is in \(profiles[daemon] ?? "") mode, not enforce")
        }
        for domain in running.sorted(by: { $0.name < $1.name }) {
            guard let uuid = domain.uuid else {
                problems.append("running guest '\(domain.name)' has no <uuid>, so its profile cannot be named")
                continue
            }
            let profile = "libvirt-\(uuid)"
            switch profiles[profile] {
            case nil: problems.append("running guest '\(domain.name)' has no AppArmor profile '\(profile)' loaded, so its QEMU runs unconfined")
            case "enforce": continue
            case let mode?: problems.append("running guest '\(domain.name)' has its profile '\(profile)' in \(mode) mode, not enforce")
            }
        }
        return problems
    }
}
