import Foundation
import Testing
import Host
@testable import HostModel

/// `listAllDomains()` takes state and persistence from the listing calls, not from one call per
/// domain: the number of calls stays the same whatever the number of domains, and every field
/// agrees with asking the domain itself.
@Suite struct LibvirtListingTests {
    /// The fixture's three domains plus `extra` defined ones, `started` of them running, and
    /// `hvh-web` made transient.
    private func connection(extra: Int, started: Int) throws -> LibvirtConnection {
        let connection = try LibvirtFixture.open()
        for index in 0..<extra {
            let domain = try connection.define(xml: LibvirtFixture.testDomainXML(name: LibvirtFixture.uniqueName()))
            if index < started { try domain.start() }
        }
        try connection.lookup(name: "hvh-web").undefine()
        return connection
    }

    @Test(arguments: [0, 40])
    func listingMakesTheSameCallsForAnyNumberOfDomains(extra: Int) throws {
        let connection = try connection(extra: extra, started: extra / 2)
        let before = connection.calls.byName
        let domains = try connection.listAllDomains()
        let after = connection.calls.byName
        #expect(domains.count == 3 + extra)
        var made: [String: Int] = [:]
        for (name, count) in after where count != before[name] { made[name] = count - (before[name] ?? 0) }
        #expect(made == ["virConnectListAllDomains": 3, "virConnectGetAllDomainStats": 1])
    }

    @Test func listedFieldsAgreeWithAskingEachDomain() throws {
        let connection = try connection(extra: 6, started: 3)
        let domains = try connection.listAllDomains()
        #expect(domains.filter(\.isActive).count == 2 + 3)
        #expect(domains.filter { !$0.isPersistent }.map(\.name) == ["hvh-web"])
        for domain in domains {
            let asked = try connection.lookup(name: domain.name)
            #expect(domain.uuid == asked.uuid)
            #expect(domain.state == asked.state, "\(domain.name)")
            #expect(domain.isPersistent == asked.isPersistent, "\(domain.name)")
        }
    }

    @Test func osTypeIsOneCallWhenAsked() throws {
        let connection = try LibvirtFixture.open()
        let domain = try #require(try connection.listAllDomains().first { $0.name == "hvh-web" })
        let before = connection.calls.byName["virDomainGetOSType"] ?? 0
        // The test driver answers "linux" for every domain, whatever its <os><type>.
        #expect(domain.osType == "linux")
        #expect(connection.calls.byName["virDomainGetOSType"] == before + 1)
    }

    @Test func tallyLineIsOneSortedLineAndCountsOnTheProcessToo() throws {
        let processBefore = LibvirtCallTally.process.byName["virConnectListAllDomains"] ?? 0
        let connection = try LibvirtFixture.open()
        _ = try connection.listAllDomains()
        #expect(connection.calls.line == "hvharden-rpc total=5 virConnectGetAllDomainStats=1 virConnectListAllDomains=3 virConnectOpen=1")
        #expect(connection.calls.total == 5)
        #expect((LibvirtCallTally.process.byName["virConnectListAllDomains"] ?? 0) >= processBefore + 3)
    }
}
