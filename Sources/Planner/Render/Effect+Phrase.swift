import Compiler

extension Effect {
    /// When the change takes effect, as the end of a sentence: "on next domain boot".
    var phrase: String {
        switch self {
        case .immediate: return "immediately"
        case .nextDomainBoot: return "on next domain boot"
        case .daemonRestart: return "after daemon restart"
        case .hostReboot: return "after host reboot"
        case .none: return "no effect"
        }
    }
}
