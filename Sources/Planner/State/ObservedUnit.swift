import Compiler

/// One systemd unit as systemd would load it from the host's unit directories.
public struct ObservedUnit: Hashable, Sendable {
    /// One assignment of a setting: its value and where it is (file and line).
    public struct Assignment: Hashable, Sendable {
        public var value: String
        public var file: String
        public var line: Int?

        public init(value: String, file: String, line: Int? = nil) {
            self.value = value
            self.file = file
            self.line = line
        }

        public var location: String { file + (line.map { ":\($0)" } ?? "") }
    }

    public var name: String
    /// The unit file systemd uses (the first on the search path); nil when none has the unit.
    public var unitFile: String?
    /// The unit is masked: its name under /etc or /run leads to /dev/null (or is empty).
    public var masked: Bool
    /// The `*.wants/` and `*.requires/` links that enable it.
    public var enabledBy: [String]
    /// The drop-ins read, in the order systemd applies them.
    public var dropIns: [String]
    /// The assignment of `SocketMode=` that stands (the last one); nil when none sets it.
    public var socketMode: Assignment?
    /// Every `SocketMode=` assignment, in order, with the files of drop-ins that set it.
    public var socketModeFiles: [String]
    /// The `ListenStream=` values that stand (an empty assignment clears the earlier ones).
    public var listenStreams: [Assignment]
    /// Files of the unit its lens does not parse (named with the reason): no verdict is possible.
    public var unparsable: [String]

    public init(
        name: String, unitFile: String? = nil, masked: Bool = false, enabledBy: [String] = [], dropIns: [String] = [],
        socketMode: Assignment? = nil, socketModeFiles: [String] = [], listenStreams: [Assignment] = [], unparsable: [String] = []
    ) {
        self.name = name
        self.unitFile = unitFile
        self.masked = masked
        self.enabledBy = enabledBy
        self.dropIns = dropIns
        self.socketMode = socketMode
        self.socketModeFiles = socketModeFiles
        self.listenStreams = listenStreams
        self.unparsable = unparsable
    }

    public var installed: Bool { unitFile != nil }
    public var enabled: Bool { !masked && !enabledBy.isEmpty }
}

/// The units host-unit rules read, with the fingerprints of every file and link they were read
/// from (for the plan's basis).
public struct ObservedUnits: Hashable, Sendable {
    public var units: [String: ObservedUnit]
    public var fingerprints: [String: Fingerprint]

    public init(units: [String: ObservedUnit] = [:], fingerprints: [String: Fingerprint] = [:]) {
        self.units = units
        self.fingerprints = fingerprints
    }

    public static let none = ObservedUnits()

    /// The unit names a policy's host-unit rules name, and the libvirt daemons' units when a
    /// rule reads libvirtd.conf (they show which daemons serve, `ServingDaemons`).
    public static func query(_ rules: [Rule]) -> Set<String> {
        var names: Set<String> = []
        for rule in rules {
            if case .systemdSocket(let c) = rule.check { names.formUnion(c.units) }
            if ServingDaemons.reads(rule) { names.formUnion(LibvirtDaemon.allUnits) }
        }
        return names
    }
}
