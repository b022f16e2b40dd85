import Compiler
import Foundation
import Host
@testable import Planner
import Testing
@testable import HostModel
import XMLKit
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// Any domain libvirt accepts plans without a crash, and applying the plan converges: every
/// fixture (Fixtures/domains) is planned alone on the lab host under the baseline, the high and
/// a passthrough profile, its domain edits are applied in memory, and the result must need no
/// further change, still match libvirt's schema, and still be accepted by libvirt.
@Suite struct DomainFixtureTests {
    @Test(arguments: try DomainFixture.all())
    func fixtureMatchesLibvirtsSchema(_ fixture: DomainFixture) throws {
        let result = try DomainFixtureSchema.validate(fixture.xml, label: fixture.file)
        #expect(result.valid, "'\(fixture.file)' does not match libvirt's domain schema:\n\(result.output)")
    }

    @Test(arguments: try DomainFixture.all())
    func libvirtAcceptsTheFixture(_ fixture: DomainFixture) throws {
        let formatted = try DomainFixtureTestDriver().define(fixture.xml)
        let document = try XMLDocument(string: formatted)
        #expect(try document.strings("/domain/name") == [fixture.name])
        #expect(document.root.attribute("type") == fixture.type)
    }

    @Test(arguments: try DomainFixture.managed())
    func applyingThePlanLeavesNothingToChange(_ fixture: DomainFixture) throws {
        let driver = try DomainFixtureTestDriver()
        // What hvharden reads in production is libvirt's rendering, not the hand-written text.
        let formatted = try driver.define(fixture.xml)
        for policy in try DomainFixturePolicy.all() {
            for (form, xml) in [("as written", fixture.xml), ("as libvirt formats it", formatted)] {
                let context = "'\(fixture.file)' \(form) under \(policy.label)"
                let convergence = DomainFixtureConvergence(policy: policy, name: fixture.name, uuid: fixture.uuid)
                let result = try convergence.run(xml)
                try Self.expectSafeRendering(result.first, fixture: fixture, context: context)
                for change in result.first.domainChanges(fixture.name) {
                    let filled = LibvirtDefaultsOwnership.libvirtFilledValue(in: change)
                    #expect(filled == nil, "\(context): '\(change.rule)' changes \(filled ?? "")")
                    let outside = LibvirtDefaultsOwnership.outsideOwnedPath(change)
                    #expect(outside == nil, "\(context): \(outside ?? "")")
                }
                #expect(result.left.isEmpty, "\(context): still to change after applying the plan: \(result.left.map(\.label))")
                guard let edited = result.edited, let second = result.second else { continue }

                // A fix never brings a new problem with it.
                let before = Set(result.first.domainFindings(fixture.name).map(\.rule) + result.first.domainChanges(fixture.name).map(\.rule))
                let added = Set(second.domainFindings(fixture.name).map(\.rule)).subtracting(before)
                #expect(added.isEmpty, "\(context): applying the plan raised new findings: \(added.sorted())")

                let schema = try DomainFixtureSchema.validate(edited, label: "\(fixture.file) edited under \(policy.label)")
                #expect(schema.valid, "\(context): applying \(result.first.domainChanges(fixture.name).map(\.label)) breaks libvirt's schema:\n\(schema.output)")

                // libvirt takes the edited definition (same name and UUID), and what it makes
                // of it needs nothing more. The hand-written form may lack a UUID, so only
                // libvirt's own rendering is redefined.
                guard form == "as libvirt formats it" else { continue }
                let redefined = try driver.define(edited)
                let again = try policy.plan([convergence.domain(redefined)])
                #expect(again.domainChanges(fixture.name).isEmpty,
                        "\(context): after libvirt accepted the edit: \(again.domainChanges(fixture.name).map(\.label))")
            }
        }
    }

    @Test(arguments: try DomainFixture.all().filter { !$0.isManaged })
    func otherDriversAreOnlyOutOfScope(_ fixture: DomainFixture) throws {
        for policy in try DomainFixturePolicy.all() {
            let plan = try policy.plan([fixture.observed])
            let findings = plan.domainFindings(fixture.name)
            #expect(findings.map(\.kind) == [.outOfScope], "'\(fixture.file)' under \(policy.label): \(findings.map(\.rule))")
            #expect(findings.first?.message.contains("'\(fixture.type)'") == true)
            #expect(plan.domainItemCount(fixture.name) == 1, "'\(fixture.file)' under \(policy.label) has more than its out-of-scope finding")
            // The domain is not counted by host-wide rules either (memory and vCPU totals).
            let empty = try policy.plan([])
            #expect(plan.changes == empty.changes)
            #expect(plan.findings.filter { !$0.address.isDomain } == empty.findings.filter { !$0.address.isDomain })
        }
    }

    @Test func theWholeSetPlansAsOneHost() throws {
        let fixtures = try DomainFixture.all()
        var fixing: Set<String> = []
        var exercised: Set<String> = []
        for policy in try DomainFixturePolicy.all() {
            let plan = try policy.plan(fixtures.map(\.observed))
            let outOfScope = Set(plan.findings.filter { $0.kind == .outOfScope }.compactMap(\.address.domain))
            #expect(outOfScope == Set(fixtures.filter { !$0.isManaged }.map(\.name)))
            // The memory ceiling fixture alone exceeds the lab's 65 GiB.
            let overcommit = try #require(plan.findings.first { $0.rule == "host-memory-not-overcommitted" })
            #expect(overcommit.message.contains("'fx-memory-ceiling'"), "message: \(overcommit.message)")
            fixing.formUnion(policy.policy.rules.filter { $0.rule.target == .domain && $0.rule.fix != nil && $0.enforcement == .enforce }.map(\.rule.id))
            exercised.formUnion(plan.changes.filter { $0.address.isDomain }.map(\.rule))
        }
        // Every domain fix the three policies can make is made on some fixture, so the
        // convergence test above runs every fix at least once.
        #expect(!fixing.isEmpty)
        #expect(fixing.subtracting(exercised).isEmpty, "no fixture exercises the fixes of \(fixing.subtracting(exercised).sorted())")
    }

    /// Three guests at libvirt's memory ceiling (2^53 - 1 KiB each) add up to more than a
    /// UInt64 holds in bytes; the host-wide sum must report that, not trap.
    @Test func guestsAtTheMemoryCeilingDoNotOverflowTheHostTotal() throws {
        let ceiling = try #require(try DomainFixture.all().first { $0.file == "memory-ceiling.xml" })
        let copies = (1...3).map { n in
            ObservedDomain(
                name: "\(ceiling.name)-\(n)", uuid: "", state: .shutoff, isActive: false,
                persistentXML: ceiling.xml.replacingOccurrences(of: "<name>\(ceiling.name)</name>", with: "<name>\(ceiling.name)-\(n)</name>"))
        }
        let policy = try #require(try DomainFixturePolicy.all().first)
        let plan = try policy.plan(copies)
        let overcommit = try #require(plan.findings.first { $0.rule == "host-memory-not-overcommitted" })
        #expect(overcommit.message.contains("'\(ceiling.name)-3'"), "message: \(overcommit.message)")
    }

    /// Host-wide limits far beyond Int's range (a profile may set any integer) do not trap:
    /// an unreachable vCPU limit allows everything, a reserve larger than RAM leaves nothing.
    @Test func absurdHostWideLimitsDoNotTrap() throws {
        let base = try #require(try DomainFixturePolicy.all().first)
        var policy = base.policy
        for index in policy.rules.indices {
            switch policy.rules[index].rule.id {
            case "host-vcpu-core-ratio": policy.rules[index].parameters["maxVcpuPerCore"] = .int(.max)
            case "host-memory-not-overcommitted": policy.rules[index].parameters["hostReserveMiB"] = .int(.max)
            default: break
            }
        }
        let state = base.state(try DomainFixture.managed().map(\.observed))
        let plan = try Planner.plan(policy: policy, reader: state, today: DomainFixturePolicy.day)
        #expect(!plan.findings.contains { $0.rule == "host-vcpu-core-ratio" })
        let overcommit = try #require(plan.findings.first { $0.rule == "host-memory-not-overcommitted" })
        #expect(overcommit.message.contains("leaves 0"), "message: \(overcommit.message)")
    }

    /// Consoles on a socket or with no listener are local only, also with a stale `listen`
    /// attribute left on them, which libvirt ignores when the first listen is not an address.
    @Test func localOnlyConsolesAreNotFlagged() throws {
        let fixture = try #require(try DomainFixture.all().first { $0.file == "graphics-socket-none.xml" })
        for policy in try DomainFixturePolicy.all() {
            let plan = try policy.plan([fixture.observed])
            let rules = plan.domainChanges(fixture.name).map(\.rule) + plan.domainFindings(fixture.name).map(\.rule)
            #expect(!rules.contains { $0.hasPrefix("domain-graphics-") || $0 == "domain-spice-secure-mode" }, "\(policy.label): \(rules)")
        }
    }

    @Test func theSetCoversLibvirtsDomainFormat() throws {
        let documents = try DomainFixture.all().map { ($0.file, try XMLDocument(string: $0.xml)) }
        var missing: [String] = []
        for (what, xpath) in Self.coverage {
            let found = try documents.contains { try !$0.1.select(xpath).isEmpty }
            if !found { missing.append("\(what) (\(xpath))") }
        }
        #expect(missing.isEmpty, "no fixture has: \(missing.joined(separator: "; "))")
        #expect(documents.count >= 30)
    }

    /// What the set must keep covering (issue 4), as XPath over the fixtures.
    static let coverage: [(String, String)] = [
        ("managed PCI hostdev", "//hostdev[@type='pci'][@managed='yes']"),
        ("unmanaged PCI hostdev", "//hostdev[@type='pci'][not(@managed='yes')]"),
        ("USB hostdev by vendor and product", "//hostdev[@type='usb']/source/vendor"),
        ("USB hostdev by address", "//hostdev[@type='usb']/source/address"),
        ("SCSI hostdev", "//hostdev[@type='scsi']"),
        ("iSCSI hostdev", "//hostdev[@type='scsi']/source[@protocol='iscsi']/auth"),
        ("scsi_host hostdev", "//hostdev[@type='scsi_host']"),
        ("mdev hostdev", "//hostdev[@type='mdev']"),
        ("hostdev interface", "//interface[@type='hostdev']"),
        ("redirdev", "//redirdev"),
        ("redirfilter", "//redirfilter/usbdev"),
        ("smartcard", "//smartcard"),
        ("secure pflash with nvram", "/domain/os[loader[@type='pflash'][@secure='yes']]/nvram"),
        ("insecure pflash with nvram", "/domain/os[loader[@type='pflash'][not(@secure='yes')]]/nvram"),
        ("NUMA cells", "/domain/cpu/numa/cell"),
        ("numatune", "/domain/numatune/memnode"),
        ("iothreads", "/domain/iothreadids/iothread"),
        ("iothreadpin", "/domain/cputune/iothreadpin"),
        ("vhost-user interface", "//interface[@type='vhostuser']"),
        ("vhost-user disk", "//disk[@type='vhostuser']"),
        ("vhost-net", "//interface/driver[@name='vhost']"),
        ("VNC", "//graphics[@type='vnc']"),
        ("SPICE", "//graphics[@type='spice']"),
        ("egl-headless", "//graphics[@type='egl-headless']"),
        ("listen address", "//graphics/listen[@type='address']"),
        ("listen network", "//graphics/listen[@type='network']"),
        ("listen socket", "//graphics/listen[@type='socket']"),
        ("listen none", "//graphics/listen[@type='none']"),
        ("legacy listen attribute alone", "//graphics[@listen][not(listen)]"),
        ("legacy listen attribute beside a non-address listen", "//graphics[@listen][listen[1][@type!='address']]"),
        ("qemu:commandline", "/domain/qemu:commandline"),
        ("qemu:capabilities", "/domain/qemu:capabilities"),
        ("qemu:override", "/domain/qemu:override"),
        ("SEV", "/domain/launchSecurity[@type='sev']"),
        ("hugepages", "/domain/memoryBacking/hugepages/page"),
        ("locked memory", "/domain/memoryBacking/locked"),
        ("cputune shares", "/domain/cputune/shares"),
        ("cputune quota", "/domain/cputune/quota"),
        ("vcpupin", "/domain/cputune/vcpupin"),
        ("emulatorpin", "/domain/cputune/emulatorpin"),
        ("vcpusched", "/domain/cputune/vcpusched"),
        ("cachetune", "/domain/cputune/cachetune"),
        ("dynamic SELinux label", "/domain/seclabel[@type='dynamic'][@model='selinux']"),
        ("static label", "/domain/seclabel[@type='static']"),
        ("AppArmor label", "/domain/seclabel[@model='apparmor']"),
        ("DAC label", "/domain/seclabel[@model='dac']"),
        ("no label", "/domain/seclabel[@type='none']"),
        ("per-device label", "/domain/devices//source/seclabel"),
        ("passthrough TPM", "//tpm/backend[@type='passthrough']"),
        ("emulated TPM", "//tpm/backend[@type='emulator']"),
        ("watchdog", "//watchdog"),
        ("panic", "//panic"),
        ("sound", "//sound"),
        ("input", "//input[@type='passthrough']"),
        ("video", "//video/model"),
        ("shmem", "//shmem"),
        ("DIMM", "//devices/memory[@model='dimm']"),
        ("IOMMU", "//iommu"),
        ("vsock", "//vsock"),
        ("console", "//console"),
        ("serial over TCP", "//serial[@type='tcp']"),
        ("parallel", "//parallel"),
        ("channel", "//channel[@type='unix']"),
        ("virtiofs", "//filesystem/driver[@type='virtiofs']"),
        ("virtio-scsi controller", "//controller[@type='scsi'][@model='virtio-scsi']"),
        ("PCIe root port", "//controller[@model='pcie-root-port']"),
        ("file disk", "//disk[@type='file']"),
        ("block disk", "//disk[@type='block']"),
        ("RBD disk with auth", "//disk[@type='network']/source[@protocol='rbd']/auth"),
        ("NBD disk with TLS", "//disk[@type='network']/source[@protocol='nbd'][@tls='yes']"),
        ("iSCSI disk with auth", "//disk[@type='network']/source[@protocol='iscsi']/auth"),
        ("HTTPS disk", "//disk[@type='network']/source[@protocol='https']/ssl"),
        ("volume disk", "//disk[@type='volume']"),
        ("NVMe disk", "//disk[@type='nvme']"),
        ("network interface", "//interface[@type='network']"),
        ("bridge interface", "//interface[@type='bridge']"),
        ("direct interface", "//interface[@type='direct']"),
        ("user interface", "//interface[@type='user']"),
        ("ethernet interface", "//interface[@type='ethernet']"),
        ("vDPA interface", "//interface[@type='vdpa']"),
        ("TCG domain", "/domain[@type='qemu']"),
        ("Xen domain", "/domain[@type='xen']"),
        ("LXC domain", "/domain[@type='lxc']"),
        ("bhyve domain", "/domain[@type='bhyve']"),
        ("VMware domain", "/domain[@type='vmware']"),
    ]

    /// The plan renders as text and JSON, and neither carries a password from the fixture.
    static func expectSafeRendering(_ plan: Plan, fixture: DomainFixture, context: String) throws {
        let text = PlanTextRenderer().render(plan)
        let json = String(decoding: try PlanJSONRenderer.render(plan), as: UTF8.self)
        for secret in fixture.secrets {
            #expect(!text.contains(secret), "\(context): the text plan shows a password")
            #expect(!json.contains(secret), "\(context): the JSON plan shows a password")
        }
    }
}
