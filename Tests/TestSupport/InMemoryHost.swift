import Applier
import Compiler
import Foundation
import HostModel
import Planner
import XMLKit

/// A host held in memory, for Planner and Applier unit tests that run without libvirtd or
/// Augeas: domains as XML text, config files as `key = value` lines (sysctl's format), facts as
/// values. It is the `StateReader` the Planner reads and, through `stores`, the `ObjectStore`s
/// the Applier writes, so an apply can be verified by planning it again.
public final class InMemoryHost: StateReader, @unchecked Sendable {
    private let lock = NSLock()
    private var domainXML: [String: String]
    private var fileText: [String: String]
    public var facts: HostFacts
    /// libvirt's domain capabilities as this host reports them (by default those captured on
    /// this project's CI machine).
    public var capabilities: CapabilitySource = CapturedCapabilities.amdNested
    /// Objects whose writes fail with this reason (as a disk or daemon might).
    public var failingWrites: [ObjectRef: String] = [:]
    /// How many writes went through.
    public private(set) var writes = 0

    public let connectURI = "test:///in-memory"
    public let root = "/"
    public var hostScopeNote: String? { nil }
    /// The host's name (waivers scoped to `hosts:` match it).
    public var hostName: String? = "in-memory"

    public init(domains: [String: String] = [:], files: [String: String] = [:], facts: HostFacts = HostFacts()) {
        domainXML = domains
        fileText = files
        self.facts = facts
    }

    public func domain(_ name: String) -> String? { locked { domainXML[name] } }
    public func file(_ path: String) -> String? { locked { fileText[path] } }
    public func setDomain(_ name: String, _ xml: String?) { locked { domainXML[name] = xml } }
    public func setFile(_ path: String, _ text: String?) { locked { fileText[path] = text } }

    // MARK: StateReader

    public func readFacts() -> HostFacts { facts }

    public func domainCapabilities(_ key: CapabilityKey) -> CapabilityLookup { capabilities(key) }

    public func readFiles(_ query: ConfigQuery) throws -> [ConfigFile: ObservedFile] {
        var out: [ConfigFile: ObservedFile] = [:]
        for (kind, keys) in query.keys {
            let path = kind.writablePath
            let text = file(path)
            var entries: [String: ConfigEntry] = [:]
            for key in keys {
                guard let text, let (line, value) = Self.lookUp(key, in: text, first: kind.usesFirstDefinition) else { continue }
                entries[key] = ConfigEntry(key: key, present: true, value: value, definedIn: path, line: line)
            }
            out[kind] = ObservedFile(kind: kind, fingerprints: [path: Self.fingerprint(text)], entries: entries)
        }
        return out
    }

    /// The in-memory host has no paths: host-path rules find nothing here.
    public func readPaths(_ query: PathQuery) -> ObservedPaths { .none }

    /// Nor systemd units: host-unit rules find none installed.
    public func readUnits(_ names: Set<String>) -> ObservedUnits { .none }

    /// Nor secrets: an in-memory host, like the test driver, has no secret store.
    public func readSecrets(includingFiles: Bool) -> ObservedSecrets { .none }

    public func readDomains(
        _ selection: DomainSelection, deliver: @escaping @Sendable (String, Result<ObservedDomain, any Error>) -> Void
    ) throws -> DomainSelection.Chosen {
        let all = locked { domainXML }
        let chosen = try selection.choose(from: all.keys.sorted(), uri: connectURI)
        // Delivered from several threads in no fixed order, as a live reader may.
        ParallelWork.forEach(chosen.selected.shuffled(), workers: 3) { name in
            let xml = all[name]!
            deliver(name, .success(ObservedDomain(
                name: name, uuid: "00000000-0000-0000-0000-\(String(repeating: "0", count: 12))", state: .shutoff,
                isActive: false, persistentXML: xml, fingerprint: Self.fingerprint(xml))))
        }
        return chosen
    }

    // MARK: Stores

    public var stores: ObjectStores { ObjectStores([DomainStore(host: self), FileStore(host: self)]) }

    struct DomainStore: ObjectStore {
        let host: InMemoryHost
        var kind: ResourceKind { DomainResource.kind }
        func fingerprint(_ name: String) throws -> Fingerprint { InMemoryHost.fingerprint(host.domain(name)) }
        func snapshot(_ name: String) throws -> ObjectSnapshot {
            let xml = host.domain(name)
            return ObjectSnapshot(content: xml.map { Data($0.utf8) }, fingerprint: InMemoryHost.fingerprint(xml))
        }
        func write(_ name: String, edits: [AnyEdit]) throws -> Fingerprint {
            try host.failIfAsked(DomainResource.ref(name))
            guard let xml = host.domain(name) else { throw InMemoryError("domain '\(name)' does not exist") }
            let document = try XMLDocument(string: xml)
            try XMLEditor.apply(edits.map { try $0.unwrap(DomainEdit.self) }, to: document)
            host.setDomain(name, document.serialize())
            return try fingerprint(name)
        }
        func restore(_ name: String, from snapshot: ObjectSnapshot) throws -> Fingerprint {
            host.setDomain(name, snapshot.content.map { String(decoding: $0, as: UTF8.self) })
            return try fingerprint(name)
        }
    }

    struct FileStore: ObjectStore {
        let host: InMemoryHost
        var kind: ResourceKind { ConfigFileResource.kind }
        func fingerprint(_ name: String) throws -> Fingerprint { InMemoryHost.fingerprint(host.file(name)) }
        func snapshot(_ name: String) throws -> ObjectSnapshot {
            let text = host.file(name)
            return ObjectSnapshot(content: text.map { Data($0.utf8) }, fingerprint: InMemoryHost.fingerprint(text))
        }
        func write(_ name: String, edits: [AnyEdit]) throws -> Fingerprint {
            try host.failIfAsked(ConfigFileResource.ref(name))
            var text = host.file(name) ?? ""
            for edit in edits {
                guard case .set(let key, let value) = try edit.unwrap(FileEdit.self) else {
                    throw InMemoryError("the in-memory file store writes scalar keys only")
                }
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
                lines.removeAll { InMemoryHost.parse($0)?.key == key }
                lines.append("\(key) = \(value)")
                text = lines.joined(separator: "\n") + "\n"
            }
            host.setFile(name, text)
            return try fingerprint(name)
        }
        func restore(_ name: String, from snapshot: ObjectSnapshot) throws -> Fingerprint {
            host.setFile(name, snapshot.content.map { String(decoding: $0, as: UTF8.self) })
            return try fingerprint(name)
        }
    }

    // MARK: Helpers

    func failIfAsked(_ ref: ObjectRef) throws {
        if let reason = locked({ failingWrites[ref] }) { throw InMemoryError(reason) }
        locked { writes += 1 }
    }

    static func fingerprint(_ text: String?) -> Fingerprint { text.map(TestKey.fingerprint) ?? .absent }

    static func parse(_ line: String) -> (key: String, value: String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.hasPrefix("#"), let eq = trimmed.firstIndex(of: "=") else { return nil }
        return (trimmed[..<eq].trimmingCharacters(in: .whitespaces), trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces))
    }

    /// The first or the last definition of `key` in `text` (as the file's program reads it),
    /// with its 1-based line.
    static func lookUp(_ key: String, in text: String, first: Bool = false) -> (Int, String)? {
        var found: (Int, String)?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let (k, v) = parse(String(line)), k == key {
                found = (index + 1, v)
                if first { break }
            }
        }
        return found
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

public struct InMemoryError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
