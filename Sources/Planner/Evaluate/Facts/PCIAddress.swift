import XMLKit
import HostModel

/// A PCI address as libvirt writes it (`<address domain='0x0000' bus='0x01' slot='0x00'
/// function='0x0'/>`), normalised to the sysfs form `0000:01:00.0` that `PCIDevice.address` uses.
struct PCIAddress: Hashable, Sendable, CustomStringConvertible {
    var domain: UInt32
    var bus: UInt32
    var slot: UInt32
    var function: UInt32

    /// Parses the attributes of an `<address>` element. `domain` defaults to 0 as in libvirt;
    /// the other three are required. Numbers follow libvirt (C `strtoul` with base 0): `0x` is
    /// hexadecimal, a leading `0` octal, anything else decimal.
    init?(domain: String?, bus: String?, slot: String?, function: String?) {
        guard let bus = bus.flatMap(Self.number), let slot = slot.flatMap(Self.number),
              let function = function.flatMap(Self.number)
        else { return nil }
        let domainNumber: UInt32?
        if let domain { domainNumber = Self.number(domain) } else { domainNumber = 0 }
        guard let domainNumber, domainNumber <= 0xffff, bus <= 0xff, slot <= 0x1f, function <= 0x7 else { return nil }
        self.domain = domainNumber
        self.bus = bus
        self.slot = slot
        self.function = function
    }

    /// The `<address>` element's attributes.
    init?(_ element: XMLElement) {
        self.init(
            domain: element.attribute("domain"), bus: element.attribute("bus"),
            slot: element.attribute("slot"), function: element.attribute("function"))
    }

    /// "0000:01:00.0": lowercase hex, zero-padded like sysfs.
    var description: String {
        hex(domain, 4) + ":" + hex(bus, 2) + ":" + hex(slot, 2) + "." + String(function, radix: 16)
    }

    private func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func number(_ text: String) -> UInt32? {
        let text = text.trimmingWhitespace.lowercased()
        if text.hasPrefix("0x") { return UInt32(text.dropFirst(2), radix: 16) }
        if text.count > 1, text.hasPrefix("0") { return UInt32(text.dropFirst(), radix: 8) }
        return UInt32(text, radix: 10)
    }
}
