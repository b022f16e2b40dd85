import XMLKit

/// One thing the capability gate reads of a definition: the elements at a chain of names from
/// the root, and one attribute of them or (`attribute` nil) whether they exist, their names and
/// their text.
struct CapabilityRead: Hashable, Sendable {
    let chain: [String]
    let attribute: String?

    init(chain: [String], attribute: String? = nil) {
        self.chain = chain
        self.attribute = attribute
    }

    /// `/domain/cpu/feature/@name` (an attribute) or `/domain/cpu/model` (the elements); nil for
    /// any other XPath.
    init?(_ xpath: String) {
        guard let (chain, attribute) = DomainEditPath.steps(xpath) else { return nil }
        self.init(chain: chain, attribute: attribute)
    }
}

/// What applying an edit can change, as the part of the tree it writes.
enum CapabilityWrite: Hashable, Sendable {
    /// Anything at or below the elements at `chain`: elements created or removed, text replaced.
    case below([String])
    /// One attribute of the existing element at `chain`, and nothing else.
    case attribute([String], String)

    func reaches(_ read: CapabilityRead) -> Bool {
        switch self {
        // Below the elements read, or inside one whose text is read (all the text below it).
        case .below(let chain): return read.chain.starts(with: chain) || (read.attribute == nil && chain.starts(with: read.chain))
        case .attribute(let chain, let name): return read.chain == chain && read.attribute == name
        }
    }
}

/// What a set of domain edits can change in one definition, told from the edits' paths and
/// the definition as it is, without applying them: the capability gate copies and edits a
/// definition only when its edits reach something the capabilities decide.
struct CapabilityReach {
    /// Everything the edits write, together.
    let writes: [CapabilityWrite]

    /// Nil when the edits' paths say too little to tell (a removal by an XPath that is not a
    /// plain chain, a path `create` would refuse), or when one edit may change where another
    /// lands (then only applying them tells).
    init?(_ edits: [DomainEdit], in document: XMLDocument) {
        var writes: [CapabilityWrite] = []
        var walks: [Walk] = []
        for edit in edits {
            guard let (edit, walk) = Self.reach(edit, in: document) else { return nil }
            writes += edit
            walks.append(walk)
        }
        if edits.count > 1 {
            // Each edit was told on the original definition. That holds for the edits applied in
            // turn when none writes what another's walk looks at (the names, predicate
            // attributes and children along its path), so each lands where it would alone.
            for (index, walk) in walks.enumerated() {
                let others = walks.indices.filter { $0 != index }.flatMap { walks[$0].writes }
                guard let walk = walk.reads, !others.contains(where: { write in walk.contains { write.reaches($0) } }) else { return nil }
            }
        }
        self.writes = writes
    }

    /// Whether a write reaches any of `reads`.
    func reaches(_ reads: [CapabilityRead]) -> Bool {
        writes.contains { write in reads.contains { write.reaches($0) } }
    }

    /// What an edit writes and what its walk to the element reads (nil: not a walk by plain
    /// steps, as a removal's XPath is).
    private struct Walk {
        let writes: [CapabilityWrite]
        let reads: [CapabilityRead]?
    }

    private static func reach(_ edit: DomainEdit, in document: XMLDocument) -> ([CapabilityWrite], Walk)? {
        switch edit {
        case .setAttribute(let path, let attribute, _):
            return walk(path, in: document) { chain in [.attribute(chain, attribute)] }
        case .setText(let path, _):
            return walk(path, in: document) { chain in [.below(chain)] }
        case .create(let path):
            return walk(path, in: document) { _ in [] }
        case .remove(let select):
            guard let (chain, attribute) = DomainEditPath.steps(select), attribute == nil else { return nil }
            let writes: [CapabilityWrite] = [.below(chain)]
            return (writes, Walk(writes: writes, reads: nil))
        }
    }

    /// The writes of an edit at the creatable `path`: from the first element `create` would
    /// append (with everything below it), or else `atElement` of the element's chain.
    private static func walk(
        _ path: String, in document: XMLDocument, atElement: ([String]) -> [CapabilityWrite]
    ) -> ([CapabilityWrite], Walk)? {
        guard let creatable = CreatablePath.cached(path), let (_, next) = try? creatable.existing(in: document) else { return nil }
        let steps = creatable.steps
        // Local names: the projections' name lists (`/domain/features/*`) do not see prefixes.
        let names = steps.map { step in step.name.split(separator: ":").last.map(String.init) ?? step.name }
        let writes = next < names.count ? [.below(Array(names[...next]))] : atElement(names)
        // Below the root, `create` looks at the elements of each step's name and at their
        // predicates' attributes (choosing among several, also at the rest of the path in them).
        let reads = steps.indices.dropFirst().flatMap { index in
            let chain = Array(names[...index])
            return [CapabilityRead(chain: chain)] + steps[index].attributes.map { CapabilityRead(chain: chain, attribute: $0.0) }
        }
        return (writes, Walk(writes: writes, reads: reads))
    }
}

/// The element names along an edit's path or a removal's XPath.
enum DomainEditPath {
    /// `/domain/devices/graphics[@type='vnc']/@listen` as `(["domain", "devices", "graphics"],
    /// "listen")` (predicates dropped); nil for anything but an absolute chain of element names,
    /// optionally ending in an attribute (a wildcard, `//`, an axis, a union are not).
    static func steps(_ path: String) -> (chain: [String], attribute: String?)? {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return nil }
        var steps: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in path.dropFirst() {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'" where depth > 0, "\"" where depth > 0: quote = character
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth < 0 { return nil }
            case "/" where depth == 0:
                steps.append(current)
                current = ""
            default:
                if depth == 0 { current.append(character) }
            }
        }
        steps.append(current)
        guard depth == 0, quote == nil else { return nil }
        var attribute: String?
        if let last = steps.last, last.hasPrefix("@") {
            attribute = String(last.dropFirst())
            steps.removeLast()
            guard let attribute, XMLName.isPlain(attribute) else { return nil }
        }
        guard !steps.isEmpty, steps.allSatisfy(XMLName.isPlain) else { return nil }
        return (steps, attribute)
    }
}
