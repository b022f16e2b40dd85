import Foundation
import Testing
import XMLKit
@testable import Planner

/// The capability gate compares only the aspects an edit can reach. These hold that reasoning to
/// what the projections actually do: an aspect left out must be one whose projection the edits
/// cannot change.
@Suite struct CapabilityAspectTests {
    typealias F = PlannerFakes

    @Test func pathsAreReadAsChainsOfElementNames() {
        #expect(CapabilityAspect.steps("/domain/devices/graphics[@type='vnc']/@listen") == ["domain", "devices", "graphics"])
        #expect(CapabilityAspect.steps("/domain/devices/disk[target/@dev='vda']/driver") == ["domain", "devices", "disk", "driver"])
        #expect(CapabilityAspect.steps("/domain/os/loader[@type='a/b' or @x=\"]\"]") == ["domain", "os", "loader"])
        #expect(CapabilityAspect.steps("/domain") == ["domain"])
        for unplain in ["/domain/features/*", "//hostdev", "/domain/devices/../os", "domain/os", "/domain//tpm", "/domain/devices/tpm|/domain/os", "/domain/child::os"] {
            #expect(CapabilityAspect.steps(unplain) == nil, "\(unplain)")
        }
    }

    @Test func anEditReachesTheAspectsAboveAndBelowIt() {
        #expect(CapabilityAspect.touched(by: [.setAttribute(path: "/domain/features/vmport", attribute: "state", value: "off")]) == [.features])
        #expect(CapabilityAspect.touched(by: [.create(path: "/domain/devices/rng[@model='virtio']/backend")]) == [.rng])
        #expect(Set(CapabilityAspect.touched(by: [.create(path: "/domain/devices")])) == [.tpm, .video, .rng, .graphics])
        #expect(CapabilityAspect.touched(by: [.setText(path: "/domain/devices/disk/driver", value: "x")]).isEmpty)
        #expect(Set(CapabilityAspect.touched(by: [.remove(select: "/domain/devices/*[1]")])) == Set(CapabilityAspect.allCases).subtracting([.virtType]))
    }

    /// Every edit below, applied to every definition below: the aspects whose projection
    /// changed are among those `touched` names.
    @Test func noAspectLeftOutChanges() throws {
        let definitions = [
            F.domain("a"),
            F.domain("b", devices: "<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm><video><model type='qxl'/></video><rng model='virtio'><backend model='random'>/dev/urandom</backend></rng><graphics type='vnc'/>",
                     extra: "<cpu mode='host-model'><feature policy='require' name='vmx'/></cpu><features><acpi/><gic version='3'/></features>"),
        ]
        let edits: [DomainEdit] = [
            .setAttribute(path: "/domain/cpu", attribute: "mode", value: "host-passthrough"),
            .create(path: "/domain/cpu/feature[@name='ssbd']"),
            .setAttribute(path: "/domain/os", attribute: "firmware", value: "efi"),
            .create(path: "/domain/os/loader[@type='pflash']"),
            .remove(select: "/domain/devices/tpm"),
            .create(path: "/domain/devices/tpm[@model='tpm-tis']/backend[@type='passthrough']"),
            .setAttribute(path: "/domain/devices/video/model", attribute: "type", value: "virtio"),
            .remove(select: "/domain/devices/rng"),
            .setAttribute(path: "/domain/devices/graphics", attribute: "type", value: "spice"),
            .create(path: "/domain/features/vmcoreinfo"),
            .setAttribute(path: "/domain/features/gic", attribute: "state", value: "off"),
            .remove(select: "/domain/features/*"),
            .setText(path: "/domain/devices/emulator", value: "/usr/bin/qemu-system-x86_64"),
            .create(path: "/domain/devices/memballoon[@model='none']"),
            .remove(select: "//graphics"),
        ]
        for xml in definitions {
            let original = try XMLDocument(string: xml)
            for edit in edits {
                let edited = try original.copy()
                try XMLEditor.apply([edit], to: edited)
                let changed = CapabilityAspect.allCases.filter { $0 != .virtType && $0.projection(original) != $0.projection(edited) }
                let touched = Set(CapabilityAspect.touched(by: [edit]))
                #expect(Set(changed).isSubset(of: touched), "\(edit) changed \(changed), touched \(touched)")
            }
        }
    }
}
