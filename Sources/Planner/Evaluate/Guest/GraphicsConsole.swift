import XMLKit

/// One VNC or SPICE console of a domain and the places it accepts connections, read the way
/// libvirt reads `<graphics>`: the `<listen>` children, and the older `listen` and `socket`
/// attributes that libvirt still accepts and writes alongside them.
struct GraphicsConsole {
    /// One place a console accepts connections.
    enum Endpoint: Equatable {
        /// A TCP address written in the XML (`listen='…'` or `<listen type='address' address='…'>`).
        case address(String)
        /// A TCP listener whose address is left to qemu.conf's `vnc_listen`/`spice_listen`,
        /// which default to 127.0.0.1.
        case hostDefault
        /// A libvirt network's address, resolved only when the domain starts.
        case network(String)
        /// A UNIX socket: only local processes that can open the file connect.
        case socket
        /// No listener at all (`<listen type='none'>`).
        case none
    }

    /// The graphics types whose consoles listen on the network.
    static let networkTypes = ["vnc", "spice"]

    let element: XMLElement
    /// `vnc` or `spice`.
    let type: String
    let endpoints: [Endpoint]
    /// How many `<listen type='address'>` children the element has (the fix edits the first).
    let addressListenCount: Int

    init(_ element: XMLElement) {
        self.element = element
        type = element.attribute("type") ?? ""
        var endpoints: [Endpoint] = []
        let listens = element.children(named: "listen")
        for listen in listens {
            switch listen.attribute("type") ?? "address" {
            case "socket": endpoints.append(.socket)
            case "none": endpoints.append(.none)
            case "network": endpoints.append(.network(listen.attribute("network") ?? ""))
            default:
                let address = listen.attribute("address")?.trimmingWhitespace ?? ""
                endpoints.append(address.isEmpty ? .hostDefault : .address(address))
            }
        }
        // The attribute mirrors the first address listen; when it is alone (hand-written XML)
        // or disagrees, it still names an address QEMU may be given. libvirt ignores (and
        // drops) it when the first listen is a socket, a network or none, so it does too.
        let firstType = listens.first.map { $0.attribute("type") ?? "address" }
        if let legacy = element.attribute("listen")?.trimmingWhitespace, !legacy.isEmpty,
           firstType == nil || firstType == "address", !endpoints.contains(.address(legacy)) {
            endpoints.append(.address(legacy))
        }
        if endpoints.isEmpty {
            endpoints.append(element.attribute("socket") != nil ? .socket : .hostDefault)
        }
        self.endpoints = endpoints
        addressListenCount = listens.filter { ($0.attribute("type") ?? "address") == "address" }.count
    }

    /// Every VNC and SPICE console of the domain, in document order.
    static func all(in document: XMLDocument) throws -> [GraphicsConsole] {
        try document.select("/domain/devices/graphics[@type='vnc' or @type='spice']").map(GraphicsConsole.init)
    }

    /// True when no TCP listener exists: every endpoint is a UNIX socket or none.
    var isLocalOnly: Bool {
        endpoints.allSatisfy { $0 == .socket || $0 == .none }
    }

    /// `'vnc' graphics at /domain/devices/graphics[1]`, for messages.
    var label: String { "'\(type)' graphics at \(element.path)" }

    /// The creatable path of this console, valid only while it is the only one of its type.
    var creatablePath: String { "/domain/devices/graphics[@type='\(type)']" }

    /// An address as compared: trimmed, lowercased, without IPv6 brackets (`[::1]` is `::1`).
    static func normalized(_ address: String) -> String {
        var a = address.trimmingWhitespace.lowercased()
        if a.hasPrefix("["), a.hasSuffix("]") { a = String(a.dropFirst().dropLast()) }
        return a
    }
}
