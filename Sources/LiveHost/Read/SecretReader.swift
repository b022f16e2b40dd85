import Foundation
import Host
import Planner

/// Reads libvirt's secrets from the two places they live: the connection's secret driver (which
/// also holds ephemeral ones, and answers for a remote host) and the persistent definitions the
/// driver loads, `/etc/libvirt/secrets/*.xml` under the root, through Augeas's Xml lens. Never
/// the values: the API is asked only for the list, and the `.base64` files are not opened.
struct SecretReader {
    static let directory = "/etc/libvirt/secrets"

    let root: String

    /// From `connection` (or nil when there is none) and, with `includingFiles`, the files.
    func read(connection: () throws -> LibvirtConnection?, includingFiles: Bool) -> ObservedSecrets {
        var observed = ObservedSecrets()
        do {
            if let connection = try connection() {
                for secret in try connection.listSecrets() {
                    observed.add(ObservedSecret(
                        uuid: secret.uuid, usageType: secret.usageType, usageID: secret.usageID, isPrivate: secret.isPrivate,
                        seenIn: ["the secret driver"]))
                }
            }
        } catch let error as LibvirtError where error.code == LibvirtError.noSupport {
            // The driver has no secret store (the test driver): there is no secret to read.
        } catch {
            observed.problems.append("the connection's secret driver could not list them: \(error)")
        }
        if includingFiles { readFiles(into: &observed) }
        return observed
    }

    /// The definition files; a file the lens rejects is a problem naming it.
    func readFiles(into observed: inout ObservedSecrets) {
        var found: [ObservedSecret] = []
        observed.problems += AugeasXMLDirectory(root: root, directory: Self.directory, element: "secret").read { tree, hostPath, base in
            let name = (hostPath as NSString).lastPathComponent
            let uuid = try tree.get(base + "/uuid/#text") ?? String(name.dropLast(".xml".count))
            let usage = base + "/usage"
            let usageType = try tree.get(usage + "/#attribute/type") ?? "none"
            let usageID = try tree.match(usage + "/*[label() != '#attribute' and label() != '#text']/#text").first
                .flatMap { try tree.get($0) }
            // libvirt's default for a missing attribute is private='no'.
            let isPrivate = try tree.get(base + "/#attribute/private") == "yes"
            found.append(ObservedSecret(uuid: uuid, usageType: usageType, usageID: usageID, isPrivate: isPrivate, seenIn: [hostPath]))
        }
        for secret in found { observed.add(secret) }
    }
}
