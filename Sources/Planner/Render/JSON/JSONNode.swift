/// A JSON value as `JSONNodeEncoder` builds it: one small tree per value that is written and
/// then dropped, so a renderer can stream a large document element by element instead of
/// holding all of it. Strings keep the encoded value's own storage; nothing is copied until the
/// bytes are written.
public final class JSONNode {
    public enum Content {
        case null
        case bool(Bool)
        /// A number already in its JSON spelling.
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in the order their keys were first encoded; a key encoded again replaces its
        /// value. A list, not a dictionary: objects have a handful of keys, and hashing each
        /// cost more than the search.
        case object([(key: String, value: JSONNode)])
    }

    public var content: Content { didSet { lookup = nil } }
    /// An object's member positions by key, once it has many members: encoding a dictionary of
    /// ten thousand entries (a plan's basis) must not search the members for every key.
    private var lookup: [String: Int]?

    public init(_ content: Content) { self.content = content }

    /// An empty array, to be filled by an unkeyed container.
    static func emptyArray() -> JSONNode { JSONNode(.array([])) }

    /// An empty object, to be filled by a keyed container.
    static func emptyObject() -> JSONNode { JSONNode(.object([])) }

    func append(_ node: JSONNode) {
        guard case .array(var items) = content else { return }
        content = .null
        items.append(node)
        content = .array(items)
    }

    func set(_ node: JSONNode, for key: String) {
        guard case .object(var members) = content else { return }
        var index = lookup
        content = .null
        if index == nil, members.count >= 16 {
            index = Dictionary(members.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let found = index.map { $0[key] } ?? members.firstIndex { $0.key == key }
        if let found {
            members[found].value = node
        } else {
            index?[key] = members.count
            members.append((key, node))
        }
        content = .object(members)
        lookup = index
    }

    /// The member under `key` of an object.
    func member(_ key: String) -> JSONNode? {
        guard case .object(let members) = content else { return nil }
        if let lookup { return lookup[key].map { members[$0].value } }
        return members.first { $0.key == key }?.value
    }

    /// Whether this is an object (`object`) or an array (not `object`).
    func isContainer(object: Bool) -> Bool {
        switch content {
        case .object: return object
        case .array: return !object
        default: return false
        }
    }

    var count: Int {
        switch content {
        case .array(let items): return items.count
        case .object(let members): return members.count
        default: return 0
        }
    }
}
