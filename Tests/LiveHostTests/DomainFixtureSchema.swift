import Foundation
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Validates domain XML against libvirt's own RELAX NG schema with `virt-xml-validate FILE
/// domain` (libvirt-clients), which runs `xmllint` (libxml2-utils). A missing tool is an error,
/// never a skip: without it an edit that breaks the schema would go unnoticed until a real
/// `virDomainDefineXMLFlags(VALIDATE)` refused it.
enum DomainFixtureSchema {
    static let validator = "/usr/bin/virt-xml-validate"
    static let xmllint = "/usr/bin/xmllint"

    struct Result {
        var valid: Bool
        /// xmllint's messages, with the temporary file's path replaced by `label`.
        var output: String
    }

    static func validate(_ xml: String, label: String) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: validator) else {
            throw FixtureError("\(validator) is missing: install libvirt-clients (scripts/install-deps.sh) to check domain XML against libvirt's schema")
        }
        // virt-xml-validate is a shell script around xmllint; without it every document "fails".
        guard FileManager.default.isExecutableFile(atPath: xmllint) else {
            throw FixtureError("\(xmllint) is missing: install libxml2-utils, which virt-xml-validate needs to check domain XML against libvirt's schema")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-domain-\(UUID().uuidString).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try ProcessRun.run(validator, [file.path, "domain"])
        let output = (run.stdout + run.stderr).replacingOccurrences(of: file.path, with: label)
        switch run.status {
        case 0: return Result(valid: true, output: output)
        // xmllint exits 3 (XMLLINT_ERR_VALID) when a well-formed document breaks the schema.
        case 3: return Result(valid: false, output: output)
        default: throw FixtureError("virt-xml-validate failed on '\(label)' with exit \(run.status): \(output)")
        }
    }
}
