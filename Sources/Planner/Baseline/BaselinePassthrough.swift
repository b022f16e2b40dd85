import Compiler

/// The passthrough posture that the hosts' actual device assignments need, and no more.
///
/// Which devices count as assigned:
/// - a host read with its domains (`--from-host`): the PCI functions its QEMU/KVM domains hold
///   (`<hostdev type='pci'>` and `<interface type='hostdev'>`), identified through the host's PCI
///   facts; USB hostdevs and USB redirection set `allowUSB`;
/// - a host known only from a facts file: every PCI function bound to `vfio-pci` (bridges
///   excepted), since binding to vfio-pci is what readies a device for a guest. The facts do not
///   say how devices are spread over domains, so such a host's `maxDevicesPerDomain` is the number
///   of its vfio-pci devices (one domain could hold them all).
///
/// Then: no assigned PCI function gives mode `none`; only SR-IOV virtual functions give
/// `sriov-vf-only`; anything else `pci-vfio`. `allowedDevices` is every assigned `vendor:device`,
/// sorted, and `maxDevicesPerDomain` the largest count on any domain (or facts-only host).
struct BaselinePassthrough {
    var policy = PassthroughPolicy()
    var reason = ""
    var notes: [String] = []

    init(hosts: [BaselineInputHost]) {
        var ids: Set<String> = []
        var allVirtualFunctions = true
        var maxDevices = 0
        var usb: [String] = []
        var sources: [String] = []
        for input in hosts {
            let host = input.host
            guard let domains = input.domains else {
                let bound = host.facts.pciDevices.filter { $0.driver == "vfio-pci" && !$0.isBridge }
                guard !bound.isEmpty else { continue }
                for device in bound {
                    ids.insert(device.vendorDevice)
                    allVirtualFunctions = allVirtualFunctions && device.isVirtualFunction
                }
                maxDevices = max(maxDevices, bound.count)
                sources.append("'\(host.name)' has \(Self.count(bound.count, "device")) bound to vfio-pci")
                continue
            }
            for (name, document) in domains {
                guard let inventory = try? HostDeviceInventory(document) else { continue }
                for assignment in inventory.pci {
                    guard let address = assignment.address?.description, let device = host.facts.pciDevice(at: address) else {
                        notes.append("domain '\(name)' on host '\(host.name)' holds \(assignment.label), which the host's PCI facts "
                            + "do not list; it is not on the allow-list and stays a finding")
                        continue
                    }
                    ids.insert(device.vendorDevice)
                    allVirtualFunctions = allVirtualFunctions && device.isVirtualFunction
                }
                for other in inventory.other {
                    notes.append("domain '\(name)' on host '\(host.name)' holds a \(other), which no passthrough mode allows; "
                        + "it stays a finding")
                }
                usb += (inventory.usb + inventory.redirdevs).map { "'\(name)' on '\(host.name)' has \($0)" }
                maxDevices = max(maxDevices, inventory.hostDeviceCount)
                if !inventory.pci.isEmpty {
                    sources.append("domain '\(name)' on '\(host.name)' holds \(Self.count(inventory.pci.count, "PCI device"))")
                }
            }
        }
        policy.allowUSB = !usb.isEmpty
        if ids.isEmpty {
            policy.mode = .none
            reason = "no host assigns a PCI device to a guest"
        } else {
            policy.mode = allVirtualFunctions ? .sriovVFOnly : .pciVFIO
            policy.allowedDevices = ids.sorted()
            reason = BaselinePosture.list(sources) + (allVirtualFunctions ? " (SR-IOV virtual functions only)" : "")
        }
        policy.maxDevicesPerDomain = policy.mode == .none && usb.isEmpty ? 0 : maxDevices
        if !usb.isEmpty { reason += "; USB: " + BaselinePosture.list(usb) }
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
}
