import Foundation
import Host
import HostModel
import Planner

/// Reads the hosts a baseline must fit: facts files written by `hvharden facts --format json`,
/// and the machine hvharden runs on (`--from-host`: facts under a root, domains through libvirt).
public enum BaselineHostReader {
    /// Facts files are tens of kilobytes; anything far bigger is not one.
    static let maxFactsFileSize = 16 << 20

    /// The host described by a facts file.
    ///
    /// The file is either the report `hvharden facts --format json` writes (`FactsReport`: the
    /// facts under `host`, the host's name under `hostname`) or a bare `HostFacts` object
    /// (`HostFacts.jsonData()`). Without a name in the file, the host is named after the file:
    /// `web01.json` and `web01.facts.json` both name 'web01'.
    public static func factsFile(_ path: String) throws(BaselineError) -> BaselineHost {
        let data: Data
        do {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw BaselineError.unreadableFactsFile(path, "no such file")
            }
            guard !isDirectory.boolValue else { throw BaselineError.unreadableFactsFile(path, "it is a directory") }
            guard let handle = FileHandle(forReadingAtPath: path) else { throw BaselineError.unreadableFactsFile(path, "permission denied") }
            defer { try? handle.close() }
            data = try handle.read(upToCount: maxFactsFileSize + 1) ?? Data()
        } catch let error as BaselineError {
            throw error
        } catch {
            throw .unreadableFactsFile(path, error.localizedDescription)
        }
        guard data.count <= maxFactsFileSize else { throw .unreadableFactsFile(path, "it is larger than 16 MiB") }
        let (facts, written) = try decode(data, path: path)
        let name = written ?? nameFromFile(path)
        guard BaselineHost.isValidName(name) else { throw .invalidHostName(name, origin: "facts file '\(path)'") }
        return BaselineHost(name: name, facts: facts, domains: nil, origin: "facts file '\(path)'")
    }

    /// The facts and, when the file records it, the host's name.
    static func decode(_ data: Data, path: String) throws(BaselineError) -> (HostFacts, String?) {
        let top: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw BaselineError.notFacts(path, "the top level is not a JSON object")
            }
            top = object
        } catch let error as BaselineError {
            throw error
        } catch {
            throw .notFacts(path, "it is not JSON (\(error.localizedDescription))")
        }
        do {
            if top["cpu"] != nil { return (try HostFacts(jsonData: data), nil) }
            guard top["host"] is [String: Any] else {
                throw BaselineError.notFacts(path, "it has neither a facts report's 'host' nor host facts ('cpu', 'kvm', ...) at the top level")
            }
            if let version = top["formatVersion"] as? Int, version > FactsReport.currentFormatVersion {
                throw BaselineError.notFacts(path, "its formatVersion \(version) is newer than this hvharden reads "
                    + "(\(FactsReport.currentFormatVersion)); use the hvharden that wrote it")
            }
            let report = try FactsReport(jsonData: data)
            return (report.host, report.hostname.flatMap { $0.isEmpty ? nil : $0 })
        } catch let error as BaselineError {
            throw error
        } catch let error as DecodingError {
            throw .notFacts(path, describe(error))
        } catch {
            throw .notFacts(path, "\(error)")
        }
    }

    /// `dir/web01.facts.json` → `web01`.
    static func nameFromFile(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".json", ".facts"] where name.hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
        }
        return name
    }

    /// A decoding error as "missing field 'cpu.vmx'" rather than Foundation's dump.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "field '\(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)' is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "field '\(path(context))' is not a \(type)"
        case .dataCorrupted(let context):
            return "field '\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// The machine at `root` with the domains of `connectURI`: facts from `root`, domain
    /// definitions (persistent, with secrets, never printed) through libvirt, and the name from
    /// `root`'s /etc/hostname, then /proc/sys/kernel/hostname, then libvirt.
    public static func localHost(connectURI: String, root: String) throws(BaselineError) -> BaselineHost {
        let facts = HostFactsReader(root: root).read()
        var domains: [BaselineDomain] = []
        var libvirtName: String?
        do {
            let connection = try LibvirtConnection(uri: connectURI)
            defer { connection.close() }
            for domain in try connection.listAllDomains() {
                do {
                    domains.append(BaselineDomain(name: domain.name, xml: try domain.persistentXML(), isRunning: domain.isActive))
                } catch let error as LibvirtError {
                    throw BaselineError.domain(domain.name, uri: connectURI, error.message)
                }
            }
            libvirtName = try? connection.hostname()
        } catch let error as BaselineError {
            throw error
        } catch let error as LibvirtError {
            throw .connection(connectURI, error.message)
        } catch {
            throw .connection(connectURI, "\(error)")
        }
        let name = HostName.read(root: root) ?? libvirtName ?? ""
        let origin = "this host (--from-host, root '\(root)', '\(connectURI)')"
        guard BaselineHost.isValidName(name) else { throw .invalidHostName(name, origin: origin) }
        return BaselineHost(name: name, facts: facts, domains: domains.sorted { $0.name < $1.name }, origin: origin)
    }
}
