import CAugeas
import CLibXML2
import CLibvirt
import Foundation

/// The floor: the least any planner must do for the same domains and files, on one thread and
/// one connection, directly on the C libraries (none of hvharden's adapters): one
/// `virConnectListAllDomains`, one `virDomainGetXMLDesc(INACTIVE|SECURE)` per selected domain,
/// a libxml2 parse, six precompiled XPath checks, and a targeted Augeas load of the plan's files
/// with a read of each of the plan's keys. `hvharden plan` is measured against this.
struct FloorReader {
    let connectURI: String
    let root: String
    /// Domains whose name starts with `prefix-` are read; the others are only listed.
    let prefix: String
    /// The config keys the plan reads, by file kind (`hvharden-floor keys`).
    let keys: [String: [String]]

    func read() throws -> FloorReport {
        let clock = ContinuousClock()
        var report = FloorReport()

        var start = clock.now
        report.keysFound = try FloorAugeas(root: root).read(keys)
        report.augeas = clock.now - start

        start = clock.now
        virSetErrorFunc(nil) { _, _ in }
        guard let connection = virConnectOpen(connectURI) else { throw BenchError("cannot open '\(connectURI)': \(Self.lastError())") }
        report.calls += 1
        defer { virConnectClose(connection) }
        var array: UnsafeMutablePointer<virDomainPtr?>?
        let count = virConnectListAllDomains(connection, &array, 0)
        report.calls += 1
        guard count >= 0, let array else { throw BenchError("listing failed: \(Self.lastError())") }
        defer { free(array) }
        report.list = clock.now - start

        let checks = FloorChecks()
        let wanted = prefix + "-"
        for index in 0..<Int(count) {
            guard let domain = array[index] else { continue }
            defer { virDomainFree(domain) }
            guard let name = virDomainGetName(domain), String(cString: name).hasPrefix(wanted) else { continue }
            start = clock.now
            let flags = VIR_DOMAIN_XML_INACTIVE.rawValue | VIR_DOMAIN_XML_SECURE.rawValue
            guard let xml = virDomainGetXMLDesc(domain, flags) else { throw BenchError("XML of \(String(cString: name)): \(Self.lastError())") }
            report.calls += 1
            let fetched = clock.now
            let document = xmlReadMemory(xml, Int32(strlen(xml)), "domain.xml", nil, Int32(XML_PARSE_NONET.rawValue))
            free(xml)
            guard let document else { throw BenchError("the XML of \(String(cString: name)) does not parse") }
            let parsed = clock.now
            checks.run(on: document, into: &report)
            xmlFreeDoc(document)
            report.fetch += fetched - start
            report.parse += parsed - fetched
            report.check += clock.now - parsed
            report.domains += 1
        }
        return report
    }

    static func lastError() -> String {
        virGetLastErrorMessage().map { String(cString: $0) } ?? "unknown libvirt error"
    }
}

/// The six XPath questions, compiled once and asked of each domain's document.
final class FloorChecks {
    private let secrets = xmlXPathCompile("//@passwd | //@password")
    private let graphics = xmlXPathCompile("/domain/devices/graphics")
    private let disks = xmlXPathCompile("/domain/devices/disk[@device='disk']")
    private let interfaces = xmlXPathCompile("/domain/devices/interface")
    private let secureBoot = xmlXPathCompile("boolean(/domain/os/loader[@secure='yes'])")
    private let kvm = xmlXPathCompile("boolean(/domain[@type='kvm'])")

    deinit {
        for expression in [secrets, graphics, disks, interfaces, secureBoot, kvm] { xmlXPathFreeCompExpr(expression) }
    }

    func run(on document: xmlDocPtr, into report: inout FloorReport) {
        guard let context = xmlXPathNewContext(document) else { return }
        defer { xmlXPathFreeContext(context) }
        report.secrets += nodes(secrets, context)
        report.graphics += nodes(graphics, context)
        report.disks += nodes(disks, context)
        report.interfaces += nodes(interfaces, context)
        if truth(secureBoot, context) { report.secureBoot += 1 }
        if truth(kvm, context) { report.kvm += 1 }
    }

    private func nodes(_ expression: xmlXPathCompExprPtr?, _ context: xmlXPathContextPtr) -> Int {
        guard let result = xmlXPathCompiledEval(expression, context) else { return 0 }
        defer { xmlXPathFreeObject(result) }
        return Int(result.pointee.nodesetval?.pointee.nodeNr ?? 0)
    }

    private func truth(_ expression: xmlXPathCompExprPtr?, _ context: xmlXPathContextPtr) -> Bool {
        guard let result = xmlXPathCompiledEval(expression, context) else { return false }
        defer { xmlXPathFreeObject(result) }
        return result.pointee.boolval != 0
    }
}

/// Where the floor's time went, its libvirt calls, and a few counts that show the XML was read.
struct FloorReport {
    var domains = 0
    var calls = 0
    var secrets = 0
    var graphics = 0
    var disks = 0
    var interfaces = 0
    var secureBoot = 0
    var kvm = 0
    var keysFound = 0
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
        return "domains=\(domains) rpc=\(calls) augeas_ms=\(ms(augeas)) list_ms=\(ms(list)) fetch_ms=\(ms(fetch)) "
            + "parse_ms=\(ms(parse)) check_ms=\(ms(check)) secrets=\(secrets) graphics=\(graphics) "
            + "disks=\(disks) interfaces=\(interfaces) secure_boot=\(secureBoot) kvm=\(kvm) keys_found=\(keysFound)"
    }
}
