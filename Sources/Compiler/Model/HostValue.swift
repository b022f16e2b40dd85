/// Values the Planner derives from the host facts, which a rule may use where it would use a
/// parameter (`$host.mac`). Profiles cannot set them.
public enum HostValue: String, CaseIterable, Hashable, Sendable {
    /// The enforcing MAC as libvirt's security driver names it (`selinux`, `apparmor`); unset when
    /// none enforces.
    case mac = "host.mac"

    public var explanation: String {
        switch self {
        case .mac: return "the MAC driver the host enforces (selinux or apparmor, from the facts 'mac.enforcing')"
        }
    }
}
