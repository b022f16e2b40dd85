import Foundation

/// Counts the libvirt API calls that reach the driver: over a remote or daemon connection each is
/// one round trip to libvirtd (`virConnectOpen` is several: authentication and feature checks).
/// Accessors that libvirt answers from the handle itself (`virDomainGetName`,
/// `virDomainGetUUIDString`) and reference counting are not counted.
///
/// Every call is counted twice: on its connection's tally (tests ask one connection how many
/// calls a listing made) and on `process`, which `HVHARDEN_RPC_COUNT=1` prints to stderr as one
/// line when the process exits (bench/README.md).
public final class LibvirtCallTally: @unchecked Sendable {
    /// Every call this process made, on any connection.
    public static let process = LibvirtCallTally()

    /// Guards `counts`; held only to add or copy, never across a libvirt call.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    public init() {}

    /// Adds one call of `name` here and to the process's tally.
    func record(_ name: StaticString) {
        add(name)
        if self !== Self.process { Self.process.add(name) }
    }

    private func add(_ name: StaticString) {
        let key = name.description
        lock.lock()
        counts[key, default: 0] += 1
        lock.unlock()
    }

    /// Calls so far, by C function name.
    public var byName: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    /// All calls so far.
    public var total: Int { byName.values.reduce(0, +) }

    /// `hvharden-rpc total=N virConnectListAllDomains=1 virDomainGetXMLDesc=1000 ...`, names in
    /// bytewise order: one line for a script to split on spaces and `=`.
    public var line: String {
        let counts = byName
        let names = counts.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return (["hvharden-rpc", "total=\(counts.values.reduce(0, +))"] + names.map { "\($0)=\(counts[$0]!)" })
            .joined(separator: " ")
    }

    /// Installs the exit report when `HVHARDEN_RPC_COUNT=1`; safe to call any number of times.
    public static func reportAtExitIfAsked(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard environment["HVHARDEN_RPC_COUNT"] == "1" else { return }
        _ = exitReport
    }

    private static let exitReport: Void = {
        atexit {
            FileHandle.standardError.write(Data((LibvirtCallTally.process.line + "\n").utf8))
        }
    }()
}
