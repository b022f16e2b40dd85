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

    public var content: Content

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
        content = .null
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = node
        } else {
            members.append((key, node))
        }
        content = .object(members)
    }

    var count: Int {
        switch content {
        case .array(let items): return items.count
        case .object(let members): return members.count
        default: return 0
        }
    }
}
