/// A minimal, machine-readable edit that a change makes. The Applier executes edits; the Planner's
/// tests apply them in memory. Domain edits use creatable paths (see `CreatablePath`).
public enum Edit: Hashable, Sendable, Codable {
    /// Set an attribute on the element at `path`, creating the element chain when missing.
    case xmlSetAttribute(path: String, attribute: String, value: String)
    /// Set the text of the element at `path`, creating it when missing.
    case xmlSetText(path: String, value: String)
    /// Create the element at `path` (with the attributes of its predicates).
    case xmlCreate(path: String)
    /// Remove every node matching the XPath `select`.
    case xmlRemove(select: String)
    /// Set a config key (Augeas path below `file`) to a scalar value.
    case configSet(file: String, key: String, value: String)
    /// Replace an array key with these items.
    case configSetList(file: String, key: String, items: [String])

    /// The domain-XML edits are applied by redefining a domain; the others by saving a file.
    public var isDomainEdit: Bool {
        switch self {
        case .xmlSetAttribute, .xmlSetText, .xmlCreate, .xmlRemove: return true
        case .configSet, .configSetList: return false
        }
    }
}
