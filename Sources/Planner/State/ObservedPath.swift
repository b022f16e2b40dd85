import Compiler

/// One host path as it was read: what it is, its permission bits and owners. A symbolic link
/// is read as the file it leads to inside the root (`target`).
public struct ObservedPath: Hashable, Sendable {
    public enum FileType: String, Hashable, Sendable {
        case file, directory, device, other
    }

    public var hostPath: String
    /// The host path a symbolic link led to; nil when `hostPath` is not a link.
    public var target: String?
    public var type: FileType
    /// Permission bits (`st_mode & 07777`).
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    /// The names the root's passwd and group files give the ids; nil when they give none.
    public var user: String?
    public var group: String?
    public var fingerprint: Fingerprint

    public init(
        hostPath: String, target: String? = nil, type: FileType, mode: UInt32, uid: UInt32, gid: UInt32,
        user: String?, group: String?, fingerprint: Fingerprint
    ) {
        self.hostPath = hostPath
        self.target = target
        self.type = type
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.user = user
        self.group = group
        self.fingerprint = fingerprint
    }

    /// How the owner is shown: the name, or the number when the host has no name for it.
    public var ownerText: String { user ?? "\(uid)" }
    public var groupText: String { group ?? "\(gid)" }
}

/// What a policy's host-path rules read: every path pattern they name, and the paths each matched
/// (in name order), plus the ids of the users their fixes would make owners.
public struct ObservedPaths: Hashable, Sendable {
    public var matches: [String: [ObservedPath]]
    /// `user name -> uid` from the root's passwd file, for the owners fixes set.
    public var userIDs: [String: UInt32]
    /// What the reader could not read, one sentence each (an unreadable directory).
    public var problems: [String]

    public init(matches: [String: [ObservedPath]] = [:], userIDs: [String: UInt32] = [:], problems: [String] = []) {
        self.matches = matches
        self.userIDs = userIDs
        self.problems = problems
    }

    public static let none = ObservedPaths()
}

/// The patterns and owner names a policy's host-path rules need read.
public struct PathQuery: Hashable, Sendable {
    public var patterns: Set<String>
    public var users: Set<String>

    public init(patterns: Set<String> = [], users: Set<String> = []) {
        self.patterns = patterns
        self.users = users
    }

    public init(rules: [Rule]) {
        var query = PathQuery()
        for rule in rules {
            guard case .pathMetadata(let c) = rule.check else { continue }
            query.patterns.formUnion(c.paths)
            if c.fixOwner == true, let owner = c.owners?.first { query.users.insert(owner) }
        }
        self = query
    }

    public var isEmpty: Bool { patterns.isEmpty }
}
