import Compiler
import Foundation
import HostModel

/// What `hvharden facts` writes: one host's capabilities and posture evidence, for reading,
/// for diffing between hosts, and as the input from which a fleet baseline is derived.
///
/// It holds the `HostFacts` read under `root` (see docs/facts.md), the libvirt daemon's view
/// (versions, host name, domain counts) when the connection could be opened, and notes on
/// anything that could not be read. docs/facts.schema.json describes the JSON. It lives in the
/// Planner next to the plan, not in Host: Host only reads, one adapter at a time, while the
/// report decides how the adapters' results and failures combine, as `LiveStateReader` does.
public struct FactsReport: Codable, Sendable, Equatable {
    /// The report format; readers reject versions they do not know.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var hvhardenVersion: String
    /// The libvirt URI the report was made with, whether or not it could be opened.
    public var connectURI: String
    /// The directory that stood for `/` when reading the host facts.
    public var root: String
    /// The host's name from under `root` (`/etc/hostname`, else `/proc/sys/kernel/hostname`);
    /// nil when neither can be read (a sandbox root without them).
    public var hostname: String?
    /// The daemon's side; nil when the connection could not be opened (see `notes`).
    public var libvirt: LibvirtFacts?
    /// Everything read from /proc, /sys and /dev under `root`.
    public var host: HostFacts
    /// What could not be read, and why: each note is one sentence.
    public var notes: [String]

    public init(connectURI: String, root: String, hostname: String?, libvirt: LibvirtFacts?, host: HostFacts, notes: [String] = []) {
        self.formatVersion = Self.currentFormatVersion
        self.hvhardenVersion = HVHardenVersion.current
        self.connectURI = connectURI
        self.root = root
        self.hostname = hostname
        self.libvirt = libvirt
        self.host = host
        self.notes = notes
    }

    /// The report as JSON with sorted keys (nil fields left out, like `HostFacts`), ending in a
    /// newline: the same host always gives the same bytes.
    public func jsonData() throws -> Data {
        var data = try HostFacts.makeJSONEncoder().encode(self)
        data.append(0x0A)
        return data
    }

    /// The same document as YAML, for people and for configuration management (see `YAMLWriter`).
    public func yamlText() throws -> String {
        YAMLWriter.document(try JSONDecoder().decode(JSONValue.self, from: jsonData()))
    }

    /// A report read back from `jsonData()`.
    public init(jsonData: Data) throws {
        self = try JSONDecoder().decode(FactsReport.self, from: jsonData)
    }
}

/// What the libvirt daemon says about itself and the host it runs on.
public struct LibvirtFacts: Codable, Sendable, Equatable {
    /// The driver name, e.g. `QEMU` or `TEST`.
    public var driver: String
    /// The libvirt library version serving the connection (the daemon's for a remote URI).
    public var libvirtVersion: String
    /// The hypervisor's version (QEMU's for the QEMU driver); nil when the driver does not know.
    public var hypervisorVersion: String?
    /// The name of the machine the daemon runs on.
    public var hostname: String
    /// Every domain the driver knows, active or not, persistent or transient.
    public var domains: Int
    /// The running ones among them.
    public var activeDomains: Int

    public init(driver: String, libvirtVersion: String, hypervisorVersion: String?, hostname: String, domains: Int, activeDomains: Int) {
        self.driver = driver
        self.libvirtVersion = libvirtVersion
        self.hypervisorVersion = hypervisorVersion
        self.hostname = hostname
        self.domains = domains
        self.activeDomains = activeDomains
    }
}
