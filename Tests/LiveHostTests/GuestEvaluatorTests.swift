import Compiler
import Host
import Testing
@testable import Planner
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// `graphics-listen-local` and `graphics-auth` (B5-2).
@Suite struct GuestEvaluatorTests {
    let listen = "domain-graphics-listen-local"
    let auth = "domain-graphics-auth"

    @Test func allGuestEvaluatorsAreRegistered() {
        for name in ["graphics-listen-local", "graphics-auth", "vcpu-within-cores", "current-memory-equals-memory",
                     "vtpm-emulator-2", "cpu-mitigation-features"] {
            #expect(EvaluatorRegistry.domain[name] != nil, "evaluator '\(name)' is not registered")
        }
    }

    @Test func noGraphicsOrOnlyLocalTypesIsNotApplicable() throws {
        #expect(try GuestHarness.evaluate(listen, GuestHarness.devices("")).isNotApplicable)
        #expect(try GuestHarness.evaluate(listen, GuestHarness.devices("<graphics type='sdl' display=':0'/>")).isNotApplicable)
    }

    @Test func absentListenMeansQemuConfDefaultAndIsCompliant() throws {
        let bare = GuestHarness.devices("<graphics type='vnc' port='-1' autoport='yes'/>")
        #expect(try GuestHarness.evaluate(listen, bare) == .compliant)
        let emptyAddress = GuestHarness.devices("<graphics type='spice' autoport='yes'><listen type='address'/></graphics>")
        #expect(try GuestHarness.evaluate(listen, emptyAddress) == .compliant)
    }

    @Test func socketAndNoneListensAreCompliant() throws {
        let xml = GuestHarness.devices("""
            <graphics type='vnc'><listen type='socket' socket='/run/libvirt/qemu/t.sock'/></graphics>
            <graphics type='spice'><listen type='none'/></graphics>
            """)
        #expect(try GuestHarness.evaluate(listen, xml) == .compliant)
        let legacySocket = GuestHarness.devices("<graphics type='vnc' socket='/run/t.sock'/>")
        #expect(try GuestHarness.evaluate(listen, legacySocket) == .compliant)
    }

    @Test(arguments: ["::1", "[::1]", "127.0.0.1", "LOCALHOST"])
    func loopbackAddressesAreCompliant(_ address: String) throws {
        let xml = GuestHarness.devices("<graphics type='vnc' listen='\(address)'><listen type='address' address='\(address)'/></graphics>")
        #expect(try GuestHarness.evaluate(listen, xml) == .compliant)
    }

    @Test func ipv6AnyAddressIsFixedOnAttributeAndChild() throws {
        let xml = GuestHarness.devices("<graphics type='spice' autoport='yes' listen='::'><listen type='address' address='::'/></graphics>")
        let changes = try GuestHarness.evaluate(listen, xml).proposed
        #expect(changes.map(\.edit).domainEdits == [
            .setAttribute(path: "/domain/devices/graphics[@type='spice']", attribute: "listen", value: "127.0.0.1"),
            .setAttribute(path: "/domain/devices/graphics[@type='spice']/listen[@type='address']", attribute: "address", value: "127.0.0.1"),
        ])
        #expect(changes.map(\.before) == ["::", "::"])
        let (fixed, after) = try GuestHarness.fixed(listen, xml)
        #expect(after == .compliant)
        let document = try XMLDocument(string: fixed)
        #expect(try document.strings("/domain/devices/graphics/@listen | /domain/devices/graphics/listen/@address") == ["127.0.0.1", "127.0.0.1"])
        #expect(try document.select("/domain/devices/graphics/listen").count == 1)
    }

    @Test func legacyAttributeAloneGetsTheChildCreated() throws {
        let xml = GuestHarness.devices("<graphics type='vnc' port='5901' listen='0.0.0.0'/>")
        let changes = try GuestHarness.evaluate(listen, xml).proposed
        #expect(changes.map(\.action) == [.update, .add])
        let (fixed, after) = try GuestHarness.fixed(listen, xml)
        #expect(after == .compliant)
        #expect(try XMLDocument(string: fixed).strings("/domain/devices/graphics/listen[@type='address']/@address") == ["127.0.0.1"])
    }

    @Test func networkListenIsAFindingNamingTheNetwork() throws {
        let xml = GuestHarness.devices("<graphics type='vnc' autoport='yes'><listen type='network' network='mgmt'/></graphics>")
        let outcome = try GuestHarness.evaluate(listen, xml)
        let message = try #require(outcome.message, "expected a finding, got \(outcome)")
        #expect(message.contains("network 'mgmt'"))
    }

    @Test func severalGraphicsOfOneTypeAreAFindingNotAnEdit() throws {
        let xml = GuestHarness.devices("""
            <graphics type='vnc' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>
            <graphics type='vnc' listen='0.0.0.0'><listen type='address' address='0.0.0.0'/></graphics>
            """)
        let outcome = try GuestHarness.evaluate(listen, xml)
        let message = try #require(outcome.message, "expected a finding, got \(outcome)")
        #expect(message.contains("graphics[2]"))
        #expect(message.contains("'0.0.0.0'"))
        #expect(!message.contains("graphics[1]"))
        #expect(message.contains("not changed automatically: the domain has several 'vnc' graphics"))
    }

    @Test func oneExposedConsoleOfEachTypeIsFixedTogether() throws {
        let xml = GuestHarness.devices("""
            <graphics type='vnc' listen='0.0.0.0'><listen type='address' address='0.0.0.0'/></graphics>
            <graphics type='spice'><listen type='address' address='192.0.2.7'/></graphics>
            """)
        #expect(try GuestHarness.evaluate(listen, xml).proposed.count == 4)
        #expect(try GuestHarness.fixed(listen, xml).after == .compliant)
    }

    @Test func theFixUsesTheFirstAllowedAddress() throws {
        let parameters: [String: Value] = ["allowedListen": .list(["10.0.0.5"])]
        let xml = GuestHarness.devices("<graphics type='vnc' listen='127.0.0.1'/>")
        let changes = try GuestHarness.evaluate(listen, xml, parameters: parameters).proposed
        #expect(changes.map(\.after) == ["10.0.0.5", "10.0.0.5"])
        #expect(try GuestHarness.fixed(listen, xml, parameters: parameters).after == .compliant)
    }

    @Test func aRuleWithoutAFixOnlyReports() throws {
        var rule = try GuestHarness.rule(listen)
        rule.fix = nil
        let outcome = try GuestHarness.evaluate(rule, GuestHarness.devices("<graphics type='vnc' listen='0.0.0.0'/>"))
        #expect(outcome.message != nil)
    }

    @Test func aPasswordSatisfiesAuthButSecureSpiceAloneDoesNot() throws {
        let xml = GuestHarness.devices("""
            <graphics type='vnc' passwd='hunter22'><listen type='address' address='0.0.0.0'/></graphics>
            <graphics type='spice' defaultMode='secure'/>
            """)
        let message = try #require(try GuestHarness.evaluate(auth, xml).message)
        #expect(message.contains("'spice' graphics") && message.contains("does not authenticate"), "\(message)")
        #expect(!message.contains("'vnc'"))
    }

    @Test func authFindingNeverShowsAPassword() throws {
        let xml = GuestHarness.devices("""
            <graphics type='vnc' passwd='hunter22'/>
            <graphics type='spice' passwd='' defaultMode='any'/>
            """)
        let outcome = try GuestHarness.evaluate(auth, xml)
        let message = try #require(outcome.message, "expected a finding, got \(outcome)")
        #expect(message.contains("'spice' graphics"))
        #expect(!message.contains("'vnc' graphics"))
        #expect(!message.contains("hunter22"))
        #expect(try GuestHarness.rule(auth).sensitive)
    }

    @Test func socketOnlyConsolesNeedNoPassword() throws {
        let xml = GuestHarness.devices("<graphics type='vnc'><listen type='socket'/></graphics><graphics type='spice'><listen type='none'/></graphics>")
        #expect(try GuestHarness.evaluate(auth, xml).isNotApplicable)
    }

    @Test func loopbackConsoleStillNeedsAPassword() throws {
        let xml = GuestHarness.devices("<graphics type='vnc' listen='127.0.0.1'/>")
        #expect(try GuestHarness.evaluate(auth, xml).message?.contains("no password") == true)
    }
}
