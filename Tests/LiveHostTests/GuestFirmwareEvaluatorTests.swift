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

/// `vtpm-emulator-2` (PI-1) and `cpu-mitigation-features` (B1-T).
@Suite struct GuestFirmwareEvaluatorTests {
    let vtpm = "domain-vtpm"
    let mitigations = "domain-cpu-mitigation-features"

    @Test func aDomainWithoutATPMGetsACRBEmulator() throws {
        let xml = GuestHarness.devices("")
        let changes = try GuestHarness.evaluate(vtpm, xml).proposed
        #expect(changes.map(\.edit).domainEdits == [.create(path: "/domain/devices/tpm[@model='tpm-crb']/backend[@type='emulator'][@version='2.0']")])
        let (fixed, after) = try GuestHarness.fixed(vtpm, xml)
        #expect(after == .compliant)
        #expect(try XMLDocument(string: fixed).select("/domain/devices/tpm[@model='tpm-crb']/backend[@type='emulator'][@version='2.0']").count == 1)
    }

    @Test func theAddedModelIsTheFirstAllowed() throws {
        let changes = try GuestHarness.evaluate(vtpm, GuestHarness.devices(""), parameters: ["allowedModels": .list(["tpm-tis", "tpm-crb"])]).proposed
        #expect(changes.first?.edit.as(DomainEdit.self) == .create(path: "/domain/devices/tpm[@model='tpm-tis']/backend[@type='emulator'][@version='2.0']"))
    }

    @Test func anUnversionedCRBIsTPM2() throws {
        #expect(try GuestHarness.evaluate(vtpm, GuestHarness.devices("<tpm model='tpm-crb'><backend type='emulator'/></tpm>")) == .compliant)
    }

    @Test func anExistingTPMOfAnotherKindIsReportedNotReplaced() throws {
        let tis = try GuestHarness.evaluate(vtpm, GuestHarness.devices("<tpm><backend type='emulator'/></tpm>"))
        #expect(tis.message?.contains("model 'tpm-tis' with backend 'emulator' version '1.2'") == true)
        let passthrough = try GuestHarness.evaluate(vtpm, GuestHarness.devices(
            "<tpm model='tpm-crb'><backend type='passthrough'><device path='/dev/tpm0'/></backend></tpm>"))
        #expect(passthrough.message?.contains("backend 'passthrough'") == true)
    }

    @Test func aRuleWithoutAFixOnlyReportsAMissingTPM() throws {
        var rule = try GuestHarness.rule(vtpm)
        rule.fix = nil
        #expect(try GuestHarness.evaluate(rule, GuestHarness.devices("")).message == "the domain has no TPM")
    }

    func cpu(_ features: String) -> String {
        GuestHarness.domain("<cpu mode='host-model'>\(features)</cpu>")
    }

    let intel = HostFacts(cpu: CPUFacts(vendor: "GenuineIntel"))
    let amd = HostFacts(cpu: CPUFacts(vendor: "AuthenticAMD"))

    @Test func unknownVendorIsNotApplicable() throws {
        #expect(try GuestHarness.evaluate(mitigations, cpu("")).isNotApplicable)
    }

    @Test func requireAndForceCountButDisableDoesNot() throws {
        let xml = cpu("<feature policy='require' name='md-clear'/><feature policy='force' name='spec-ctrl'/><feature policy='disable' name='ssbd'/>")
        #expect(try GuestHarness.evaluate(mitigations, xml, facts: intel).message == "/domain/cpu does not require 'ssbd'")
    }

    @Test func theVendorChoosesTheList() throws {
        let xml = cpu("<feature policy='require' name='ibpb'/><feature policy='require' name='amd-ssbd'/>")
        #expect(try GuestHarness.evaluate(mitigations, xml, facts: amd) == .compliant)
        #expect(try GuestHarness.evaluate(mitigations, xml, facts: intel).message?.contains("'md-clear'") == true)
        #expect(try GuestHarness.evaluate(mitigations, xml, facts: intel, parameters: ["intelFeatures": .list(["ibpb"])]) == .compliant)
    }
}
