import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

@Suite("Facts: JSON encoding")
struct FactsJSONTests {
    @Test func roundTripKeepsEveryField() throws {
        let root = try FactsFakeRoot.intelBareMetal()
        let facts = root.read()
        let decoded = try HostFacts(jsonData: facts.jsonData())
        #expect(decoded == facts)
        #expect(decoded.iommu.groups.count == 2)
    }

    @Test func encodingIsByteStableAndSorted() throws {
        let root = try FactsFakeRoot.intelBareMetal()
        let first = try root.read().jsonData()
        let second = try root.read().jsonData()
        #expect(first == second)

        let text = String(decoding: first, as: UTF8.self)
        let topLevel = ["boot", "cpu", "iommu", "ksm", "kvm", "memory", "pciDevices", "platform",
                        "smt", "sysctl", "tpm", "vulnerabilities"]
        let positions = try topLevel.map { key in
            try #require(text.range(of: "\n  \"\(key)\" :")?.lowerBound, "missing top-level key '\(key)'")
        }
        #expect(positions == positions.sorted())
        // Dictionaries are sorted too, so two hosts' vulnerability lists line up in a diff.
        let l1tf = try #require(text.range(of: "\"l1tf\""))
        let spectre = try #require(text.range(of: "\"spectre_v2\""))
        #expect(l1tf.lowerBound < spectre.lowerBound)
        #expect(text.contains("\"vendorID\" : \"8086\""))
    }

    @Test func nilFieldsAreOmittedAndDecodeBackToNil() throws {
        let data = try HostFacts().jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("secureBoot"))
        #expect(text.contains("\"uefi\" : false"))
        #expect(try HostFacts(jsonData: data) == HostFacts())
    }

    @Test func unknownJSONIsAnError() {
        #expect(throws: DecodingError.self) { try HostFacts(jsonData: Data("{\"cpu\": 1}".utf8)) }
    }
}
