/// The words `hvharden explain` and the plan's findings use for each precondition.
extension Precondition {
    /// What must hold, as a sentence.
    public var requirement: String {
        switch kind {
        case .macEnforcing:
            return "AppArmor or SELinux is enforcing on the host (facts mac: /sys/module/apparmor/parameters/enabled "
                + "and /sys/kernel/security/apparmor, or /sys/fs/selinux/enforce)."
        case .kvmDevice:
            return "/dev/kvm exists on the host (facts kvm.devKVM)."
        case .guestArchIsHost:
            return "The guest's architecture (/domain/os/type/@arch; the host's when absent) is the host's (facts cpu.architecture)."
        case .guestArch:
            return "The guest's architecture (/domain/os/type/@arch; the host's when absent) is one of "
                + (allowed ?? []).map { "'\($0)'" }.joined(separator: ", ") + "."
        case .guestFullMemory:
            return "The guest boots with its whole memory: <currentMemory> is not below <memory> and its "
                + "<memballoon> has no freePageReporting='on'."
        case .configKey:
            return "\(key ?? "?") in \(file?.rawValue ?? "?") is absent or one of "
                + (allowed ?? []).map { "'\($0)'" }.joined(separator: ", ") + "."
        case .signedOutOfTreeModules:
            return "Every out-of-tree kernel module is shown to be signed: none is loaded unsigned (/proc/modules flag E), "
                + "a loaded one (flag O) is on a kernel that checks signatures, and every file under "
                + "/lib/modules/<release>/updates and /extra carries a signature (facts modules)."
        case .swtpmInstalled:
            return "swtpm and swtpm_setup are installed on the host (facts software)."
        case .libvirtListener:
            let unit = key.flatMap(LibvirtDaemon.listenerSocket).map { "<daemon>-\($0).socket" } ?? "its socket unit"
            return "The daemon reading \(file?.rawValue ?? "?") listens on the network: \(key ?? "?") = 1 there, or \(unit) is enabled."
        }
    }

    /// What an operator does when it does not hold.
    public var whatToDo: String {
        if let advice { return advice }
        switch kind {
        case .macEnforcing: return "enable AppArmor (or SELinux) and reboot, then plan again"
        case .kvmDevice: return "load kvm_intel or kvm_amd (enable VT-x/AMD-V in the firmware) so /dev/kvm exists, then plan again"
        case .guestArchIsHost: return "run the guest on a host of its architecture, or waive the rule for it"
        case .guestArch: return "nothing to change for this guest's architecture"
        case .guestFullMemory: return "decide the guest's size first (see domain-current-memory-equals-memory), then fix by hand"
        case .configKey: return "make the change by hand once what depends on the current value is handled"
        case .signedOutOfTreeModules:
            return "sign every DKMS or vendor module with a key the kernel trusts (mokutil --import), then plan again"
        case .swtpmInstalled: return "install swtpm and swtpm-tools (apt install swtpm swtpm-tools), then plan again"
        case .libvirtListener: return "nothing to do while the daemon does not listen on the network"
        }
    }

    /// What happens when it does not hold, for `hvharden explain`.
    public var consequence: String {
        switch unmet {
        case .noFix: return "Otherwise no fix is proposed; a noncompliant result is a finding: \(whatToDo)."
        case .finding: return "Otherwise the rule is a finding whatever the check says: \(whatToDo)."
        case .notApplicable: return "Otherwise the rule does not apply."
        }
    }
}
