import XMLKit

/// A host as the baseline judges it: its selected QEMU/KVM domains parsed once, as
/// `Planner.plan` sees them (nil when only facts are known).
struct BaselineInputHost {
    var host: BaselineHost
    var domains: [(name: String, document: XMLDocument)]?
}
