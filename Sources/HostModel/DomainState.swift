/// The run state of a domain, as `virDomainGetState` reports it.
public enum DomainState: String, Sendable, Codable {
    case nostate, running, blocked, paused, shutdown, shutoff, crashed, pmsuspended

    /// Whether a domain in this state has a live instance (libvirt's notion of "active"): a
    /// shutting-down guest still counts, a shut-off or crashed one does not.
    public var isActive: Bool {
        switch self {
        case .running, .blocked, .paused, .pmsuspended, .shutdown: true
        case .nostate, .shutoff, .crashed: false
        }
    }
}
