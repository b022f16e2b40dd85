import Foundation
import HostModel

/// libvirt's persistent network definitions, `/etc/libvirt/qemu/networks/*.xml` under the root,
/// read through Augeas's Xml lens as the secret definitions are: each network's name, forward
/// mode and bridge.
struct LibvirtNetworkFiles {
    static let directory = NetworkFacts.definitionDirectory

    let root: String

    func read() -> (networks: [LibvirtNetwork], problems: [String]) {
        var networks: [LibvirtNetwork] = []
        let problems = AugeasXMLDirectory(root: root, directory: Self.directory, element: "network").read { tree, hostPath, base in
            let fileName = (hostPath as NSString).lastPathComponent
            networks.append(LibvirtNetwork(
                name: try tree.get(base + "/name/#text") ?? String(fileName.dropLast(".xml".count)),
                forwardMode: try forwardMode(tree, base),
                bridge: try tree.get(base + "/bridge/#attribute/name")))
        }
        return (networks.sorted { $0.name < $1.name }, problems)
    }

    /// libvirt's default for a `<forward>` without a mode is NAT; no `<forward>` is isolated.
    private func forwardMode(_ tree: AugeasTree, _ base: String) throws -> String? {
        guard try !tree.match(base + "/forward").isEmpty else { return nil }
        return try tree.get(base + "/forward/#attribute/mode") ?? "nat"
    }
}
