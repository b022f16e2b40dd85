import Foundation
import Testing
import XMLKit
import TestSupport
@testable import Planner

/// The capability gate compares only the aspects an edit can reach. These hold that reasoning to
/// what the projections actually do: an aspect left out must be one whose projection the edits
/// cannot change.
@Suite struct CapabilityAspectTests {
    typealias F = PlannerFakes

    @Test func pathsAreReadAsChainsOfElementNames() {
        func steps(_ path: String) -> [String]? {
            DomainEditPath.steps(path).map { $0.chain + ($0.attribute.map { ["@" + $0] } ?? []) }
        }
        #expect(steps("/domain/devices/graphics[@type='vnc']/@listen") == ["domain", "devices", "graphics", "@listen"])
        #expect(steps("/domain/devices/disk[target/@dev='vda']/driver") == ["domain", "devices", "disk", "driver"])
        #expect(steps("/domain/os/loader[@type='a/b' or @x=\"]\"]") == ["domain", "os", "loader"])
        #expect(steps("/domain") == ["domain"])
        for unplain in ["/domain/features/*", "//hostdev", "/domain/devices/../os", "domain/os", "/domain//tpm", "/domain/devices/tpm|/domain/os",
                        "/domain/child::os", "/domain/qemu:commandline", "/domain/os[@a='x'", "/domain/@*", "/@type"] {
            #expect(steps(unplain) == nil, "\(unplain)")
        }
    }

    /// Every XPath a projection reads is one the reach can follow (a dropped one would let
    /// an edit of it pass unchecked).
    @Test func everyProjectionXPathIsARead() {
        for aspect in CapabilityAspect.allCases where aspect != .virtType {
            let extra = aspect == .features ? CapabilityAspect.listedFeatures.count : 0
            #expect(aspect.reads.count == aspect.xpaths.count + extra, "\(aspect)")
            #expect(aspect.xpaths.allSatisfy { CapabilityRead($0) != nil }, "\(aspect)")
        }
        #expect(CapabilityAspect.virtType.reads == CapabilityKey.reads)
    }

    @Test func anEditReachesOnlyWhatItWritesInTheDefinitionAsItIs() throws {
        let plain = try XMLDocument(string: F.domain("a", devices: "<graphics type='vnc' listen='0.0.0.0'><listen type='address' address='0.0.0.0'/></graphics>", extra: "<features><acpi/></features>"))
        func reached(_ edits: [DomainEdit], _ document: XMLDocument) -> Set<CapabilityAspect> {
            Set(CapabilityAspect.reached(by: CapabilityReach(edits, in: document)))
        }
        // An existing element's attribute, a feature the capabilities do not list, a child of a
        // device whose type they judge: nothing they decide.
        #expect(reached([.setAttribute(path: "/domain/features/vmport", attribute: "state", value: "off")], plain).isEmpty)
        #expect(reached([.setAttribute(path: "/domain/devices/graphics[@type='vnc']", attribute: "listen", value: "127.0.0.1"),
                         .setAttribute(path: "/domain/devices/graphics[@type='vnc']/listen[@type='address']", attribute: "address", value: "127.0.0.1")], plain).isEmpty)
        #expect(reached([.create(path: "/domain/memoryBacking/nosharepages")], plain).isEmpty)
        #expect(reached([.setText(path: "/domain/devices/disk/driver", value: "x")], plain).isEmpty)
        // Where the path does not exist, what is created is reached: a new spice graphics, a
        // <features> with what it may hold.
        #expect(reached([.setAttribute(path: "/domain/devices/graphics[@type='spice']", attribute: "listen", value: "127.0.0.1")], plain) == [.graphics])
        let bare = try XMLDocument(string: F.domain("b"))
        #expect(reached([.setAttribute(path: "/domain/features/vmport", attribute: "state", value: "off")], bare) == [.features])
        #expect(reached([.setAttribute(path: "/domain", attribute: "type", value: "qemu")], plain) == [.virtType])
        #expect(reached([.create(path: "/domain/devices/rng[@model='virtio']/backend")], plain) == [.rng])
        #expect(reached([.remove(select: "/domain/devices/tpm")], plain) == [.tpm])
        #expect(reached([.remove(select: "/domain/devices/*[1]")], plain) == Set(CapabilityAspect.allCases))
        // One edit that changes where another lands: only applying them tells.
        #expect(CapabilityReach([.setAttribute(path: "/domain/devices/graphics", attribute: "type", value: "spice"),
                                 .setAttribute(path: "/domain/devices/graphics[@type='vnc']", attribute: "listen", value: "127.0.0.1")], in: plain) == nil)
        #expect(CapabilityReach([.remove(select: "/domain/devices/graphics"), .create(path: "/domain/devices/video")], in: plain) == nil)
    }

    /// A fix that reaches nothing alone (an attribute no projection reads) can still decide
    /// where another lands: applied before it, it makes the other's path find the existing
    /// CPU instead of adding a second one that the capabilities never look at. The fixes are
    /// checked together with every other proposed fix of the domain, as apply makes them.
    @Test func fixesThatReachNothingAloneAreCheckedWithTheOthers() throws {
        let original = try XMLDocument(string: F.domain("e", extra: "<cpu mode='custom'><model fallback='allow'>qemu64</model></cpu>"))
        func change(_ edit: DomainEdit) -> Outcome {
            .changes([ProposedChange(path: "p", action: .update, before: "a", after: "b", edit: edit, problem: "p")])
        }
        let label = change(.setAttribute(path: "/domain/cpu", attribute: "foo", value: "bar"))
        let mode = change(.setAttribute(path: "/domain/cpu[@foo='bar']", attribute: "mode", value: "host-passthrough"))
        let gate = CapabilityGate(original: original, source: CapturedCapabilities.amdNested, nestedHost: true)
        // Alone, the mode goes on a second <cpu>: nothing the capabilities judge changes.
        #expect(try gate.filter([(mode, 1)], proposed: { _ in true }).map(\.0) == [mode])
        let together = try gate.filter([(label, 0), (mode, 1)], proposed: { _ in true })
        #expect(together[0].0 == label)
        guard case .finding(let message) = together[1].0 else {
            Issue.record("\(together[1].0)")
            return
        }
        #expect(message.contains("together with this domain's other fixes") && message.contains("host-passthrough"), "\(message)")
    }

    static let definitions = [
        F.domain("a"),
        F.domain("b", devices: "<emulator>/usr/bin/qemu-system-x86_64</emulator><tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm><video><model type='qxl'/></video><rng model='virtio'><backend model='random'>/dev/urandom</backend></rng><graphics type='vnc'/><channel type='unix'><target type='virtio' name='other'/></channel>",
                 extra: "<cpu mode='host-model'><feature policy='require' name='vmx'/></cpu><features><acpi/><gic version='3'/></features>"),
        F.domain("c", devices: "<graphics type='spice'><listen type='address'/></graphics><graphics type='vnc' listen='0.0.0.0'/>", extra: "<features/>"),
        F.domain("d", devices: "<emulator>/usr/bin/qemu-system-x86_64</emulator>", extra: "<cpu mode='custom'><model fallback='allow'>qemu64</model></cpu><features><acpi/></features>"),
    ]

    static let edits: [DomainEdit] = [
        .setAttribute(path: "/domain/cpu", attribute: "mode", value: "host-passthrough"),
        .create(path: "/domain/cpu/feature[@name='ssbd']"),
        .setAttribute(path: "/domain/os", attribute: "firmware", value: "efi"),
        .create(path: "/domain/os/loader[@type='pflash']"),
        .setAttribute(path: "/domain/os/type", attribute: "machine", value: "pc"),
        .setAttribute(path: "/domain/os/type", attribute: "boot", value: "x"),
        .remove(select: "/domain/devices/tpm"),
        .create(path: "/domain/devices/tpm[@model='tpm-tis']/backend[@type='passthrough']"),
        .setAttribute(path: "/domain/devices/video/model", attribute: "type", value: "virtio"),
        .setAttribute(path: "/domain/devices/video/model", attribute: "heads", value: "1"),
        .remove(select: "/domain/devices/rng"),
        .setAttribute(path: "/domain/devices/graphics", attribute: "type", value: "spice"),
        .setAttribute(path: "/domain/devices/graphics[@type='vnc']", attribute: "listen", value: "127.0.0.1"),
        .setAttribute(path: "/domain/devices/graphics[@type='vnc']/listen[@type='address']", attribute: "address", value: "127.0.0.1"),
        .setAttribute(path: "/domain/devices/graphics[@type='spice']/listen[@type='address']", attribute: "address", value: "127.0.0.1"),
        // After the listen above is added, this one no longer fits in the same graphics and
        // makes a second: each alone reaches no aspect, the two together reach the graphics.
        .setAttribute(path: "/domain/devices/graphics[@type='vnc']/listen[@type='socket']", attribute: "socket", value: "/run/g.sock"),
        .create(path: "/domain/devices/channel[@type='unix']/target[@type='virtio'][@name='org.qemu.guest_agent.0']"),
        .create(path: "/domain/devices/channel[@type='unix']/target[@name='other']"),
        .create(path: "/domain/features/vmcoreinfo"),
        .setAttribute(path: "/domain/features/vmport", attribute: "state", value: "off"),
        .setAttribute(path: "/domain/features/gic", attribute: "state", value: "off"),
        .setText(path: "/domain/features", value: ""),
        .remove(select: "/domain/features/*"),
        .remove(select: "/domain/features/gic"),
        .setText(path: "/domain/devices/emulator", value: "/usr/bin/qemu-system-aarch64"),
        // Below an element whose text is read (the CPU model, the emulator): its text changes.
        .setText(path: "/domain/cpu/model/x", value: "-v2"),
        .setText(path: "/domain/devices/emulator/x", value: "-v2"),
        // A prefixed name is a listed feature to the projection's name list.
        .create(path: "/domain/features/qemu:hyperv"),
        .setAttribute(path: "/domain", attribute: "type", value: "qemu"),
        .create(path: "/domain/devices/memballoon[@model='none']"),
        .remove(select: "//graphics"),
    ]

    /// Every edit and every pair of edits below, applied to every definition below: each
    /// aspect whose projection changed (the virt type: the key) is among those reached.
    @Test func noAspectLeftOutChanges() throws {
        var told = 0
        for xml in Self.definitions {
            let original = try XMLDocument(string: xml)
            let sets = Self.edits.map { [$0] } + Self.edits.indices.flatMap { a in Self.edits.indices.filter { $0 != a }.map { [Self.edits[a], Self.edits[$0]] } }
            for edits in sets {
                let edited = try original.copy()
                try XMLEditor.apply(edits, to: edited)
                let changed = CapabilityAspect.allCases.filter { $0.projection(original) != $0.projection(edited) }
                let reach = CapabilityReach(edits, in: original)
                if reach != nil { told += 1 }
                let reached = Set(CapabilityAspect.reached(by: reach))
                #expect(Set(changed).isSubset(of: reached), "\(edits) changed \(changed), reached \(reached)")
            }
        }
        // Most sets are told without applying them; the test is about those.
        #expect(told > Self.definitions.count * Self.edits.count * Self.edits.count / 2, "\(told)")
    }
}
