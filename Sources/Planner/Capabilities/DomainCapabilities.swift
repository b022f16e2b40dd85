import Foundation
import XMLKit

/// What libvirt says one hypervisor configuration supports (`virConnectGetDomainCapabilities`
/// for one emulator, architecture, machine type and virt type): CPU modes and models, firmware
/// loaders, device models and backends, and features. Only what hvharden's fixes can change is
/// kept. Parsed from the document libvirt returns, so tests can feed documents captured on real
/// hosts.
public struct DomainCapabilities: Hashable, Sendable {
    /// A `<… supported='yes|no'>` element with its `<enum name='…'><value>…</value></enum>` lists.
    public struct Element: Hashable, Sendable {
        public var supported: Bool
        public var enums: [String: Set<String>]

        public init(supported: Bool, enums: [String: Set<String>] = [:]) {
            self.supported = supported
            self.enums = enums
        }

        /// Whether `value` is allowed for `name`; true when libvirt gives no list for it.
        public func allows(_ name: String, _ value: String) -> Bool {
            guard supported else { return false }
            guard let values = enums[name] else { return true }
            return values.contains(value)
        }
    }

    /// The CPU host-model expansion: its base model and the features it requires or disables.
    public struct HostModel: Hashable, Sendable {
        public var model: String?
        public var required: Set<String>
        public var disabled: Set<String>
    }

    public var path: String?
    public var virtType: String
    public var machine: String?
    public var arch: String?
    /// CPU modes by name (`host-passthrough`, `maximum`, `host-model`, `custom`): supported or not.
    public var cpuModes: [String: Bool]
    public var hostModel: HostModel?
    /// Custom-mode CPU models: usable or not.
    public var cpuModels: [String: Bool]
    /// `<os>`: `firmware` enum; `<loader>`: `type`, `readonly`, `secure` enums.
    public var os: Element?
    public var loader: Element?
    /// `<devices>` children by name (`tpm`, `video`, `rng`, `graphics`, ...).
    public var devices: [String: Element]
    /// `<features>` children by name (`sev`, `gic`, `vmcoreinfo`, ...).
    public var features: [String: Element]

    /// Reads a `<domainCapabilities>` document.
    public init(document: XMLDocument) throws {
        let root = document.root
        func text(_ name: String) -> String? { root.children(named: name).first.map(\.text) }
        func element(_ e: XMLElement) -> Element {
            var enums: [String: Set<String>] = [:]
            for list in e.children(named: "enum") {
                enums[list.attribute("name") ?? ""] = Set(list.children(named: "value").map(\.text))
            }
            return Element(supported: e.attribute("supported") != "no", enums: enums)
        }
        path = text("path")
        virtType = text("domain") ?? ""
        machine = text("machine")
        arch = text("arch")
        cpuModes = [:]
        cpuModels = [:]
        hostModel = nil
        for mode in root.children(named: "cpu").first?.children(named: "mode") ?? [] {
            let name = mode.attribute("name") ?? ""
            cpuModes[name] = mode.attribute("supported") == "yes"
            if name == "host-model" {
                let features = mode.children(named: "feature")
                hostModel = HostModel(
                    model: mode.children(named: "model").first?.text,
                    required: Set(features.filter { $0.attribute("policy") == "require" }.compactMap { $0.attribute("name") }),
                    disabled: Set(features.filter { $0.attribute("policy") == "disable" }.compactMap { $0.attribute("name") }))
            } else if name == "custom" {
                for model in mode.children(named: "model") { cpuModels[model.text] = model.attribute("usable") == "yes" }
            }
        }
        let osElement = root.children(named: "os").first
        os = osElement.map(element)
        loader = osElement?.children(named: "loader").first.map(element)
        devices = Dictionary((root.children(named: "devices").first?.children ?? []).map { ($0.name, element($0)) }, uniquingKeysWith: { a, _ in a })
        features = Dictionary((root.children(named: "features").first?.children ?? []).map { ($0.name, element($0)) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Which capabilities a domain needs: its emulator, architecture, machine type and virt type,
/// as its definition names them (nil: libvirt's default for the others).
public struct CapabilityKey: Hashable, Sendable, CustomStringConvertible {
    public var emulator: String?
    public var arch: String?
    public var machine: String?
    public var virtType: String

    public init(emulator: String?, arch: String?, machine: String?, virtType: String) {
        self.emulator = emulator
        self.arch = arch
        self.machine = machine
        self.virtType = virtType
    }

    /// What `init(document:)` reads, for telling which edits can change a key.
    static let reads = [
        CapabilityRead(chain: ["domain"], attribute: "type"), CapabilityRead(chain: ["domain", "os", "type"], attribute: "arch"),
        CapabilityRead(chain: ["domain", "os", "type"], attribute: "machine"), CapabilityRead(chain: ["domain", "devices", "emulator"]),
    ]

    /// The key of a domain definition.
    public init(document: XMLDocument) {
        let root = document.root
        let type = root.children(named: "os").first?.children(named: "type").first
        self.init(
            emulator: root.children(named: "devices").first?.children(named: "emulator").first.map(\.text),
            arch: type?.attribute("arch"), machine: type?.attribute("machine"), virtType: root.attribute("type") ?? "")
    }

    public var description: String {
        "virt type '\(virtType)'" + (arch.map { ", arch \($0)" } ?? "") + (machine.map { ", machine \($0)" } ?? "")
            + (emulator.map { ", emulator \($0)" } ?? "")
    }
}

/// What a reader knows of one configuration's capabilities.
public enum CapabilityLookup: Hashable, Sendable {
    /// libvirt described it.
    case available(DomainCapabilities)
    /// libvirt says the configuration does not exist on this host (no KVM, unknown machine, ...).
    case unsupported(String)
    /// The connection cannot say (a driver without the API, a lost connection): nothing can be
    /// shown to be supported.
    case unknown(String)
}
