import XMLKit

/// The host devices a domain definition hands to its guest, sorted into the kinds the
/// passthrough rules judge differently (docs/controls.md).
struct HostDeviceInventory {
    /// A PCI function given to the guest, by a `<hostdev type='pci'>` or an
    /// `<interface type='hostdev'>` (an SR-IOV VF with a host-set MAC).
    struct PCIAssignment {
        /// The normalised address; nil when the source address is missing or malformed.
        var address: PCIAddress?
        /// `hostdev` or `interface`, for messages.
        var element: String
        /// `@managed` as written; nil when absent (libvirt's default is 'no').
        var managed: String?
        /// `driver/@name` as written; nil when there is no driver element or name.
        var driver: String?

        /// "hostdev '0000:01:00.0'", "interface type='hostdev' '0000:03:10.2'".
        var label: String {
            let kind = element == "interface" ? "interface type='hostdev'" : "PCI hostdev"
            return address.map { "\(kind) '\($0)'" } ?? "\(kind) without a valid source address"
        }
    }

    var pci: [PCIAssignment] = []
    /// `<hostdev type='usb'>` elements, described for messages.
    var usb: [String] = []
    /// Every other `<hostdev>` (scsi, scsi_host, mdev, capabilities mode), described.
    var other: [String] = []
    /// `<redirdev>` elements (always USB redirection), described.
    var redirdevs: [String] = []

    /// Every PCI address given to the guest, for group-membership checks.
    var assignedAddresses: Set<String> { Set(pci.compactMap { $0.address?.description }) }

    /// Every host device counted against `maxDevicesPerDomain`.
    var hostDeviceCount: Int { pci.count + usb.count + other.count }

    init(_ document: XMLDocument) throws {
        for hostdev in try document.select("/domain/devices/hostdev") {
            let mode = hostdev.attribute("mode") ?? "subsystem"
            let type = hostdev.attribute("type") ?? ""
            switch (mode, type) {
            case ("subsystem", "pci"):
                pci.append(try Self.assignment(hostdev, element: "hostdev", document))
            case ("subsystem", "usb"):
                usb.append(try Self.describeUSB(hostdev, document))
            default:
                other.append("hostdev mode='\(mode)' type='\(type)'")
            }
        }
        for interface in try document.select("/domain/devices/interface[@type='hostdev']") {
            pci.append(try Self.assignment(interface, element: "interface", document))
        }
        for redirdev in try document.select("/domain/devices/redirdev") {
            redirdevs.append("redirdev bus='\(redirdev.attribute("bus") ?? "usb")' type='\(redirdev.attribute("type") ?? "")'")
        }
    }

    private static func assignment(_ element: XMLElement, element name: String, _ document: XMLDocument) throws -> PCIAssignment {
        // A hostdev's source address has no type; an interface's says type='pci'.
        let address = try document.select("source/address[not(@type) or @type='pci']", relativeTo: element).first
        return PCIAssignment(
            address: address.flatMap(PCIAddress.init), element: name,
            managed: element.attribute("managed"),
            driver: try document.select("driver", relativeTo: element).first?.attribute("name"))
    }

    private static func describeUSB(_ hostdev: XMLElement, _ document: XMLDocument) throws -> String {
        let vendor = try document.strings("source/vendor/@id", relativeTo: hostdev).first
        let product = try document.strings("source/product/@id", relativeTo: hostdev).first
        if let vendor, let product { return "USB hostdev '\(vendor):\(product)'" }
        if let address = try document.select("source/address", relativeTo: hostdev).first {
            return "USB hostdev at bus '\(address.attribute("bus") ?? "?")' device '\(address.attribute("device") ?? "?")'"
        }
        return "USB hostdev"
    }
}
