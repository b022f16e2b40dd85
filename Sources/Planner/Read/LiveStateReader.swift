import Compiler
import Foundation
import Host

/// Reads the live host for a policy: the selected domains through libvirt (persistent XML with
/// INACTIVE|SECURE, live XML when running), the needed config keys through Augeas under `root`,
/// and the host facts under `root`.
public struct LiveStateReader {
    public var connectURI: String
    public var root: String
    /// Domain names given with `--domain`; empty means every domain the profile selects.
    public var domainNames: [String]

    public init(connectURI: String, root: String = "/", domainNames: [String] = []) {
        self.connectURI = connectURI
        self.root = root
        self.domainNames = domainNames
    }

    public func read(policy: Policy) throws -> ObservedState {
        let connection: LibvirtConnection
        do {
            connection = try LibvirtConnection(uri: connectURI)
        } catch let error as LibvirtError {
            throw PlanError.connection(uri: connectURI, error)
        }
        defer { connection.close() }
        return try read(policy: policy, connection: connection)
    }

    public func read(policy: Policy, connection: LibvirtConnection) throws -> ObservedState {
        let all: [LibvirtDomain]
        do {
            all = try connection.listAllDomains()
        } catch let error as LibvirtError {
            throw PlanError.connection(uri: connectURI, error)
        }
        let known = Set(all.map(\.name))
        if let missing = domainNames.first(where: { !known.contains($0) }) {
            throw PlanError.unknownDomain(missing, uri: connectURI)
        }
        var selected: [ObservedDomain] = []
        var unselected: [String] = []
        for domain in all {
            let wanted = domainNames.isEmpty ? policy.domains.selects(domain.name) : domainNames.contains(domain.name)
            guard wanted else { unselected.append(domain.name); continue }
            do {
                let persistent = try domain.persistentXML()
                let live = domain.isActive ? try domain.liveXML() : nil
                selected.append(ObservedDomain(
                    name: domain.name, uuid: domain.uuid, state: domain.state, isActive: domain.isActive,
                    persistentXML: persistent, liveXML: live))
            } catch let error as LibvirtError {
                throw PlanError.domain(name: domain.name, error)
            }
        }
        let note = hostScopeNote()
        let files = note == nil ? try ConfigReader(root: root).read(ConfigQuery(policy: policy)) : [:]
        let facts = note == nil ? HostFactsReader(root: root).read() : HostFactsReader(root: "/nonexistent-root").read()
        return ObservedState(
            connectURI: connectURI, root: root, domains: selected, unselectedDomains: unselected.sorted(),
            files: files, facts: facts, hostScopeNote: note)
    }

    /// Host-file and fact rules describe the machine at `root`. With a remote URI and the local
    /// root they would describe the wrong machine, so they are skipped with this note.
    func hostScopeNote() -> String? {
        guard root == "/", let host = Self.remoteHost(connectURI) else { return nil }
        return "host-file and host-fact rules skipped: '\(connectURI)' is on host '\(host)'; pass --root with a copy of that host's root to check them"
    }

    /// The host part of a libvirt URI when it names another machine (`qemu+ssh://h/system`).
    static func remoteHost(_ uri: String) -> String? {
        guard let components = URLComponents(string: uri), let host = components.host, !host.isEmpty else { return nil }
        return ["localhost", "127.0.0.1", "::1"].contains(host) ? nil : host
    }
}
