import Foundation
import Host
import Testing
@testable import LiveHost
import TestSupport

/// Above libvirtd's five calls per connection, the fetches go over more connections: every
/// other domain's handle comes from the second connection, and its XML is fetched there.
@Suite struct DomainScanSpreadTests {
    @Test(arguments: [(1, 0), (4, 0), (5, 0), (6, 1), (10, 1), (11, 2)])
    func oneMoreConnectionPerFiveWorkers(workers: Int, extra: Int) {
        #expect(DomainScan(uri: "test:///default", key: TestKey.key, workers: workers).extraConnections == extra)
    }

    /// Two connections to one lab node file, and the first one's listing.
    private func twoConnections(copies: Int) throws -> (lab: ConcurrentReadLab, first: LibvirtConnection, second: LibvirtConnection, listed: [LibvirtDomain]) {
        let lab = try ConcurrentReadLab(copies: copies)
        let first = try LibvirtConnection(uri: lab.connectURI)
        return (lab, first, try LibvirtConnection(uri: lab.connectURI), try first.listAllDomains())
    }

    @Test func everyOtherDomainIsFetchedOnTheSecondConnection() throws {
        let (lab, first, second, listed) = try twoConnections(copies: 2)
        defer { lab.remove() }
        let byName = Dictionary(uniqueKeysWithValues: try second.listAllDomains().map { ($0.name, $0) })
        let spread = DomainScan.spread(listed, over: [(second, byName)])
        #expect(spread.map(\.name) == listed.map(\.name))
        let before = (first.calls.byName["virDomainGetXMLDesc"] ?? 0, second.calls.byName["virDomainGetXMLDesc"] ?? 0)
        for domain in spread { _ = try domain.persistentXML() }
        let firstFetched = (first.calls.byName["virDomainGetXMLDesc"] ?? 0) - before.0
        let secondFetched = (second.calls.byName["virDomainGetXMLDesc"] ?? 0) - before.1
        #expect(firstFetched == (listed.count + 1) / 2)
        #expect(secondFetched == listed.count / 2)
    }

    @Test func aDomainTheOtherConnectionDoesNotKnowStaysOnTheFirst() throws {
        let (lab, _, second, listed) = try twoConnections(copies: 1)
        defer { lab.remove() }
        let spread = DomainScan.spread(listed, over: [(second, [:])])
        for domain in spread { _ = try domain.persistentXML() }
        #expect(second.calls.byName["virDomainGetXMLDesc"] == nil)
    }
}
