import Compiler
import Foundation
import Host
import Testing
@testable import Planner
@testable import HostModel
import TestSupport
import LiveTestSupport

/// B2-1 (the MAC that confines libvirtd and each running guest) and B5-2 (no host address on a
/// bridge that carries guest traffic): the evaluators on facts built in code, and probes of
/// temporary roots planned the way `hvharden plan` does.
@Suite struct FactConfinementEvaluatorTests {
    static let uuid = "6d2b6b1e-3c4a-4f7e-9b0a-1f2e3d4c5b6a"

    /// A guest definition; `running` gives it the domain id libvirt puts on a live definition.
    static func guest(_ name: String = "a", running: Bool = true, devices: String = "") -> (String, String) {
        let id = running ? " id='7'" : ""
        return (name, "<domain type='kvm'\(id)><name>\(name)</name><uuid>\(uuid.uppercased())</uuid><memory>1048576</memory>"
            + "<os><type arch='x86_64'>hvm</type></os><devices>\(devices)</devices></domain>")
    }

    static func apparmor(_ profiles: [String: String]?) -> MACFacts {
        MACFacts(apparmorEnabled: true, apparmorSecurityFS: true, apparmorProfiles: profiles)
    }

    // MARK: host-mac-enforcing

    @Test func enforcedDaemonAndGuestProfilesAreCompliant() throws {
        let facts = HostFacts(mac: Self.apparmor(["libvirtd": "enforce", "libvirt-\(Self.uuid)": "enforce"]))
        #expect(try FactFixture.evaluate("host-mac-enforcing", facts, domains: [Self.guest()]) == .compliant)
        let modular = HostFacts(mac: Self.apparmor(["virqemud-typo": "enforce", "virtqemud": "enforce"]))
        #expect(try FactFixture.evaluate("host-mac-enforcing", modular, domains: [Self.guest(running: false)]) == .compliant)
    }

    @Test func aRunningGuestWithoutAnEnforcedProfileIsNamed() throws {
        let missing = HostFacts(mac: Self.apparmor(["libvirtd": "enforce"]))
        let message = try #require(try FactFixture.evaluate("host-mac-enforcing", missing, domains: [Self.guest("web01")]).findingText)
        #expect(message.contains("running guest 'web01' has no AppArmor profile 'libvirt-\(Self.uuid)' loaded"), "\(message)")
        let complain = HostFacts(mac: Self.apparmor(["libvirtd": "complain", "libvirt-\(Self.uuid)": "complain"]))
        let both = try #require(try FactFixture.evaluate("host-mac-enforcing", complain, domains: [Self.guest("web01")]).findingText)
        #expect(both.contains("the AppArmor profile 'libvirtd' is in complain mode"), "\(both)")
        #expect(both.contains("'web01' has its profile 'libvirt-\(Self.uuid)' in complain mode"), "\(both)")
    }

    @Test func noDaemonProfileIsAFinding() throws {
        let message = try #require(try FactFixture.evaluate("host-mac-enforcing", HostFacts(mac: Self.apparmor([:]))).findingText)
        #expect(message.contains("no AppArmor profile for libvirtd ('libvirtd' or 'virtqemud') is loaded"), "\(message)")
    }

    @Test func unreadableProfilesCannotBeEvidenced() throws {
        let message = try #require(try FactFixture.evaluate("host-mac-enforcing", HostFacts(mac: Self.apparmor(nil))).findingText)
        #expect(message.contains("cannot be evidenced"), "\(message)")
        let noFS = try #require(try FactFixture.evaluate("host-mac-enforcing", HostFacts(mac: MACFacts(apparmorEnabled: true))).findingText)
        #expect(noFS.contains("securityfs not mounted"), "\(noFS)")
    }

    @Test func noMACAtAllAndPermissiveSELinux() throws {
        let none = try #require(try FactFixture.evaluate("host-mac-enforcing", HostFacts()).findingText)
        #expect(none.contains("no mandatory access control enforces") && none.contains("SELinux is not active"), "\(none)")
        let permissive = try #require(try FactFixture.evaluate("host-mac-enforcing", HostFacts(mac: MACFacts(selinuxEnforcing: false))).findingText)
        #expect(permissive.contains("SELinux is permissive"), "\(permissive)")
        #expect(try FactFixture.evaluate("host-mac-enforcing", HostFacts(mac: MACFacts(selinuxEnforcing: true)), domains: [Self.guest()]) == .compliant,
                "SELinux labels every guest itself; AppArmor profiles are not asked for")
    }

    @Test(arguments: [
        ("apparmor=0", "disables AppArmor"), ("security=tomoyo", "makes 'tomoyo' the major security module"),
        ("security=selinux", "instead of 'apparmor'"), ("lsm=landlock,lockdown,yama", "a security module list without 'apparmor'"),
    ])
    func commandLineTokensThatTurnTheMACOff(token: String, words: String) throws {
        var facts = HostFacts(mac: Self.apparmor(["libvirtd": "enforce"]))
        facts.boot.kernelCmdline = "BOOT_IMAGE=/vmlinuz ro quiet \(token)"
        let message = try #require(try FactFixture.evaluate("host-mac-enforcing", facts).findingText)
        #expect(message.contains("/proc/cmdline has '\(token)'") && message.contains(words), "\(message)")
    }

    @Test func tokensForAnotherMACOrKeepingTheMACAreHarmless() throws {
        var facts = HostFacts(mac: Self.apparmor(["libvirtd": "enforce"]))
        facts.boot.kernelCmdline = "BOOT_IMAGE=/vmlinuz ro selinux=0 apparmor=1 security=apparmor lsm=landlock,lockdown,yama,apparmor"
        #expect(try FactFixture.evaluate("host-mac-enforcing", facts) == .compliant)
    }

    // MARK: host-no-address-on-guest-bridges

    static let bridged = "<interface type='bridge'><source bridge='br0'/></interface>"

    static func network(ipv4: [String: [String]] = [:], ipv6: [String: [String]] = [:], libvirt: [LibvirtNetwork] = []) -> NetworkFacts {
        NetworkFacts(bridges: ["br0", "virbr0"], ipv4: ipv4, ipv6: ipv6, libvirtNetworks: libvirt)
    }

    @Test func anAddressOnTheGuestsBridgeIsAFindingNamingAddressesAndGuests() throws {
        let facts = HostFacts(network: Self.network(ipv4: ["br0": ["192.0.2.10"]], ipv6: ["br0": ["2001:db8::10"]]))
        let domains = [Self.guest("web01", devices: Self.bridged), Self.guest("db01", running: false, devices: Self.bridged)]
        let message = try #require(try FactFixture.evaluate("host-no-address-on-guest-bridges", facts, domains: domains).findingText)
        #expect(message == "the host has 192.0.2.10, 2001:db8::10 on bridge 'br0', which carries the traffic of 'db01', 'web01'", "\(message)")
    }

    @Test func anUnaddressedBridgeAndLibvirtsOwnNATBridgeAreCompliant() throws {
        let nat = LibvirtNetwork(name: "default", forwardMode: "nat", bridge: "virbr0")
        let facts = HostFacts(network: Self.network(ipv4: ["virbr0": ["192.168.122.1"], "eth0": ["192.0.2.10"]], libvirt: [nat]))
        let domains = [
            Self.guest("a", devices: Self.bridged),
            Self.guest("b", devices: "<interface type='network'><source network='default'/></interface>"),
            Self.guest("c", devices: "<interface type='bridge'><source bridge='virbr0'/></interface>"),
        ]
        #expect(try FactFixture.evaluate("host-no-address-on-guest-bridges", facts, domains: domains) == .compliant)
    }

    @Test func aBridgeModeNetworkLeadsToTheAdministratorsBridge() throws {
        let facts = HostFacts(network: Self.network(ipv6: ["br0": ["fe80::1"]], libvirt: [LibvirtNetwork(name: "lan", forwardMode: "bridge", bridge: "br0")]))
        let domains = [Self.guest("a", devices: "<interface type='network'><source network='lan'/></interface>")]
        let message = try #require(try FactFixture.evaluate("host-no-address-on-guest-bridges", facts, domains: domains).findingText)
        #expect(message.contains("fe80::1 on bridge 'br0'"), "\(message)")
        let ignored = try FactFixture.evaluate(
            "host-no-address-on-guest-bridges", facts, parameters: ["ignoreIPv6LinkLocal": .bool(true)], domains: domains)
        #expect(ignored == .compliant)
    }

    @Test func whatCannotBeReadIsSaid() throws {
        let domains = [Self.guest("a", devices: Self.bridged), Self.guest("b", devices: "<interface type='network'><source network='gone'/></interface>")]
        let unread = HostFacts(network: NetworkFacts(bridges: ["br0"]))
        let message = try #require(try FactFixture.evaluate("host-no-address-on-guest-bridges", unread, domains: domains).findingText)
        #expect(message.contains("network 'gone', which 'b' attach to, has no definition"), "\(message)")
        #expect(message.contains("cannot be evidenced"), "\(message)")
        let unlisted = try #require(try FactFixture.evaluate("host-no-address-on-guest-bridges", HostFacts(), domains: [Self.guest(devices: Self.bridged)]).findingText)
        #expect(unlisted.contains("/sys/class/net cannot be listed"), "\(unlisted)")
        #expect(try FactFixture.evaluate("host-no-address-on-guest-bridges", HostFacts(), domains: [Self.guest()]) == .compliant,
                "no guest attaches to a bridge, so nothing needs reading")
    }

    @Test func anInterfaceThatIsNotALinuxBridgeIsNotJudged() throws {
        let facts = HostFacts(network: NetworkFacts(bridges: [], ipv4: ["ovsbr0": ["192.0.2.10"]], ipv6: [:]))
        let domains = [Self.guest(devices: "<interface type='bridge'><source bridge='ovsbr0'/><virtualport type='openvswitch'/></interface>")]
        #expect(try FactFixture.evaluate("host-no-address-on-guest-bridges", facts, domains: domains) == .compliant)
    }

    // MARK: probes of temporary roots

    /// Plans the two rules against a root the way `hvharden plan` reads it, with one running guest
    /// on br0; returns the findings by rule.
    static func probe(_ build: (ConfigSandbox) throws -> Void) throws -> [String: String] {
        let box = try ConfigSandbox()
        try build(box)
        let (name, xml) = guest("web01", devices: bridged)
        let domain = ObservedDomain(
            name: name, uuid: uuid, state: .running, isActive: true, persistentXML: xml.replacingOccurrences(of: " id='7'", with: ""),
            liveXML: xml)
        let policy = Policy(posture: Posture(), domains: DomainSelector(), rules: try ConfigSandbox.rules(["host-mac-enforcing", "host-no-address-on-guest-bridges"]))
        let state = ObservedState(connectURI: "test:///default", root: box.root, domains: [domain], files: [:], facts: HostFactsReader(root: box.root).read())
        let plan = try Planner.plan(policy: policy, reader: state)
        return Dictionary(plan.findings.map { ($0.rule, $0.message) }, uniquingKeysWith: { $0 + "; " + $1 })
    }

    @Test func aWeakHostGivesAFindingOfEachRuleAndAGoodHostNone() throws {
        let weak = try Self.probe { box in
            try box.write("libvirtd (complain)\n", to: "/sys/kernel/security/apparmor/profiles")
            try box.makeDirectory("/sys/class/net/br0/bridge")
            try box.write("Main:\n  +-- 192.0.2.0/24 2 0 2\n     |-- 192.0.2.10\n        /32 host LOCAL\n", to: "/proc/net/fib_trie")
            try box.write("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\nbr0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\n", to: "/proc/net/route")
            try box.write("", to: "/proc/net/if_inet6")
        }
        #expect(weak["host-mac-enforcing"]?.contains("'libvirtd' is in complain mode") == true, "\(weak)")
        #expect(weak["host-mac-enforcing"]?.contains("'web01' has no AppArmor profile") == true, "\(weak)")
        #expect(weak["host-no-address-on-guest-bridges"]?.contains("192.0.2.10 on bridge 'br0'") == true, "\(weak)")

        let good = try Self.probe { box in
            try box.write("libvirtd (enforce)\nlibvirt-\(Self.uuid) (enforce)\n", to: "/sys/kernel/security/apparmor/profiles")
            try box.makeDirectory("/sys/class/net/br0/bridge")
            try box.write("Main:\n", to: "/proc/net/fib_trie")
            try box.write("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\n", to: "/proc/net/route")
        }
        #expect(good["host-mac-enforcing"] == nil && good["host-no-address-on-guest-bridges"] == nil, "\(good)")
    }

    @Test func anUnreadableRootSaysWhatCannotBeTold() throws {
        let blind = try Self.probe { box in try box.makeDirectory("/sys/class/net/br0/bridge") }
        #expect(blind["host-mac-enforcing"]?.contains("cannot be evidenced") == true, "\(blind)")
        #expect(blind["host-no-address-on-guest-bridges"]?.contains("cannot be evidenced") == true, "\(blind)")
    }
}
