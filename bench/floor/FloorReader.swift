import Foundation
import Host
import Digests
import LiveHost
import Planner
import XMLKit

/// The floor: the least any planner must do for the same domains and files, on one thread and
/// one connection, with nothing overlapped. List the domains, read each selected one's
/// persistent XML (INACTIVE|SECURE), parse it, run a few XPath checks on it, and do the plan's
/// Augeas reads. `hvharden plan` is measured against this.
struct FloorReader {
    let connectURI: String
    let root: String
    /// Domains whose name starts with `prefix-` are read; the others are only listed.
    let prefix: String
    let query: ConfigQuery

    func read() throws -> FloorReport {
        let clock = ContinuousClock()
        var report = FloorReport()

        var start = clock.now
        _ = try ConfigReader(root: root, key: try FingerprintKey.generate()).read(query)
        report.augeas = clock.now - start

        start = clock.now
        let connection = try LibvirtConnection(uri: connectURI)
        defer { connection.close() }
        let all = try connection.listAllDomains()
        report.list = clock.now - start

        for domain in all where domain.name.hasPrefix(prefix + "-") {
            start = clock.now
            let xml = try domain.persistentXML()
            let fetched = clock.now
            let document = try XMLDocument(string: xml)
            let parsed = clock.now
            report.secrets += try document.strings("//@passwd | //@password").count
            report.graphics += try document.select("/domain/devices/graphics").count
            report.disks += try document.select("/domain/devices/disk[@device='disk']").count
            if case .boolean(true) = try document.evaluate("boolean(/domain/os/loader[@secure='yes'])") { report.secureBoot += 1 }
            report.fetch += fetched - start
            report.parse += parsed - fetched
            report.check += clock.now - parsed
            report.domains += 1
        }
        return report
    }
}

/// Where the floor's time went, and a few counts that show the XML was really read.
struct FloorReport {
    var domains = 0
    var secrets = 0
    var graphics = 0
    var disks = 0
    var secureBoot = 0
    var augeas = Duration.zero
    var list = Duration.zero
    var fetch = Duration.zero
    var parse = Duration.zero
    var check = Duration.zero

    /// One `key=value` line for the benchmark script.
    var line: String {
        func ms(_ d: Duration) -> String {
            let value = Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
            return String(format: "%.1f", value)
        }
        return "domains=\(domains) augeas_ms=\(ms(augeas)) list_ms=\(ms(list)) fetch_ms=\(ms(fetch)) "
            + "parse_ms=\(ms(parse)) check_ms=\(ms(check)) secrets=\(secrets) graphics=\(graphics) "
            + "disks=\(disks) secure_boot=\(secureBoot)"
    }
}
