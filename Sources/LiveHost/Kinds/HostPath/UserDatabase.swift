import Host

/// The user and group names of the root's `/etc/passwd` and `/etc/group`, read through Augeas's
/// Passwd and Group lenses. Only the local files are read: names an NSS module (LDAP, sssd)
/// provides are unknown, and shown as numbers.
struct UserDatabase {
    var users: [UInt32: String] = [:]
    var groups: [UInt32: String] = [:]
    var userIDs: [String: UInt32] = [:]

    /// No names at all (for fingerprints, which do not depend on them).
    init() {}

    /// Reads both files; a file that is missing or that its lens does not parse gives no names
    /// (ids are then shown as numbers, and an owner check by name fails, never passes).
    init(root: String) {
        defer {
            // Id 0 is root on every Linux system, whatever the files say or fail to say.
            if users[0] == nil { users[0] = "root" }
            if groups[0] == nil { groups[0] = "root" }
            if userIDs["root"] == nil { userIDs["root"] = 0 }
        }
        let loads = [
            AugeasLoad(name: "Passwd", lens: "Passwd.lns", includes: ["/etc/passwd"]),
            AugeasLoad(name: "Group", lens: "Group.lns", includes: ["/etc/group"]),
        ]
        guard let tree = try? AugeasTree(root: root, loads: loads) else { return }
        for node in (try? tree.match("/files/etc/passwd/*")) ?? [] {
            guard let name = try? tree.label(node), !name.hasPrefix("#"),
                  let uid = ((try? tree.get("\(node)/uid")) ?? nil).flatMap({ UInt32($0) }) else { continue }
            if users[uid] == nil { users[uid] = name }
            if userIDs[name] == nil { userIDs[name] = uid }
        }
        for node in (try? tree.match("/files/etc/group/*")) ?? [] {
            guard let name = try? tree.label(node), !name.hasPrefix("#"),
                  let gid = ((try? tree.get("\(node)/gid")) ?? nil).flatMap({ UInt32($0) }) else { continue }
            if groups[gid] == nil { groups[gid] = name }
        }
    }
}
