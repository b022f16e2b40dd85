/// Simultaneous multithreading state: sibling threads share core caches across guests.
public struct SMTFacts: Codable, Sendable, Equatable {
    /// `/sys/devices/system/cpu/smt/control`: "on", "off", "forceoff", "notsupported" or
    /// "notimplemented". nil on kernels without SMT control.
    public var control: String?
    /// `/sys/devices/system/cpu/smt/active`: sibling threads are currently online.
    public var active: Bool?

    public init(control: String? = nil, active: Bool? = nil) {
        self.control = control
        self.active = active
    }
}

extension SMTFacts {
    init(reading tree: some FactsSource) {
        self.init(
            control: tree.nonEmptyString("/sys/devices/system/cpu/smt/control"),
            active: tree.bool("/sys/devices/system/cpu/smt/active")
        )
    }
}
