/// libvirt domain definitions: one object per domain, named by the domain's name. Read with
/// INACTIVE|SECURE, edited as a parsed document (`DomainEdit`, applied by `XMLEditor`), written
/// by one validated define per domain.
public enum DomainResource: ResourceKindDescription {
    public typealias Edit = DomainEdit
    public static let kind = ResourceKind("domain")
    public static let displayRank = 0
    public static func describe(_ name: String) -> String { "domain '\(name)'" }
    public static let locationKind = "object"
    public static func pathKind(_ path: String) -> String {
        (path.split(separator: "/").last ?? "").hasPrefix("@") ? "attribute" : "element"
    }

    public static func ref(_ name: String) -> ObjectRef { ObjectRef(kind: kind, name: name) }
}

/// A minimal edit of a domain definition. Paths are creatable paths (see `CreatablePath`).
public enum DomainEdit: ResourceEdit {
    public typealias Kind = DomainResource

    /// Set an attribute on the element at `path`, creating the element chain when missing.
    case setAttribute(path: String, attribute: String, value: String)
    /// Set the text of the element at `path`, creating it when missing.
    case setText(path: String, value: String)
    /// Create the element at `path` (with the attributes of its predicates).
    case create(path: String)
    /// Remove every node matching the XPath `select`.
    case remove(select: String)

    public func sharingStrings(_ strings: StringInterner) -> DomainEdit {
        switch self {
        case .setAttribute(let path, let attribute, let value): return .setAttribute(path: strings(path), attribute: strings(attribute), value: strings(value))
        case .setText(let path, let value): return .setText(path: strings(path), value: strings(value))
        case .create(let path): return .create(path: strings(path))
        case .remove(let select): return .remove(select: strings(select))
        }
    }
}
