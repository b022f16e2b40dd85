import Foundation
import Testing
import Host
import Digests
import TestSupport
import LiveTestSupport

/// No output of `plan` lets its reader test password guesses offline: no digest in any format
/// is a plain SHA-256 of a domain definition or a host file (both hold passwords; the rest of
/// their text is readable with a read-only `dumpxml` or from the package). The basis carries
/// HMAC-SHA-256 under the host's key instead, which only the key's holder can recompute.
@Suite struct PlanDigestSecrecyTests {
    @Test func noOutputCarriesAPlainDigestOfADefinitionOrAFile() throws {
        let state = try Scratch("hvh-digest")
        var outputs: [String: String] = [:]
        for format in ["text", "json", "sarif", "junit"] {
            let run = try CLI.run(RenderLab.planArguments + ["--format", format, "--state-dir", state.path])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            outputs[format] = run.stdout
        }
        let saved = state.path + "/plan.json"
        let save = try CLI.run(RenderLab.planArguments + ["--out", saved, "--state-dir", state.path])
        #expect(save.status == 0, "\(save.stderr)")
        outputs["saved plan"] = try String(contentsOfFile: saved, encoding: .utf8)

        // The texts an attacker would hash: each domain's full definition, each lab file.
        let connection = try LibvirtConnection(uri: RenderLab.connectURI)
        defer { connection.close() }
        var texts: [String: [UInt8]] = [:]
        for domain in try connection.listAllDomains() {
            texts["domain \(domain.name)"] = Array(try domain.persistentXML().utf8)
        }
        let etc = RenderLab.root + "/etc"
        for case let path as String in FileManager.default.enumerator(atPath: etc) ?? NSEnumerator() {
            if let data = FileManager.default.contents(atPath: etc + "/" + path) { texts["/etc/" + path] = Array(data) }
        }
        #expect(texts.keys.contains { $0.hasPrefix("domain ") } && texts["/etc/libvirt/qemu.conf"] != nil)
        for (what, bytes) in texts {
            let plain = SHA256.hex(bytes)
            for (format, output) in outputs {
                #expect(!output.contains(plain), "the \(format) output holds the plain SHA-256 of \(what)")
            }
        }

        // The basis is keyed: the host's key gives its fingerprints, nothing else does.
        let key = try #require(FingerprintKey(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: state.path + "/fingerprint.key")))))
        let qemu = try #require(texts["/etc/libvirt/qemu.conf"])
        #expect(outputs["saved plan"]!.contains(key.fingerprint(qemu)))
        let other = try FingerprintKey.generate()
        #expect(!outputs["saved plan"]!.contains(other.fingerprint(qemu)))
    }
}
