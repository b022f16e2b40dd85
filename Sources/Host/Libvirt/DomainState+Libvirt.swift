import CLibvirt
import HostModel

extension DomainState {
    /// Maps a raw `virDomainState`; a value newer than this enum reads as `.nostate` rather than failing.
    init(rawState: Int32) {
        switch UInt32(bitPattern: rawState) {
        case VIR_DOMAIN_RUNNING.rawValue: self = .running
        case VIR_DOMAIN_BLOCKED.rawValue: self = .blocked
        case VIR_DOMAIN_PAUSED.rawValue: self = .paused
        case VIR_DOMAIN_SHUTDOWN.rawValue: self = .shutdown
        case VIR_DOMAIN_SHUTOFF.rawValue: self = .shutoff
        case VIR_DOMAIN_CRASHED.rawValue: self = .crashed
        case VIR_DOMAIN_PMSUSPENDED.rawValue: self = .pmsuspended
        default: self = .nostate
        }
    }
}
