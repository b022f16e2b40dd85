import XMLKit

/// A path that names an element and says how to create it: `/domain/os/firmware/feature[@name='secure-boot']`.
/// Each step is an element name with optional `[@attr='value']` predicates; creating the path
/// appends missing elements with those attributes. It is also valid XPath for reading.
struct CreatablePath: Hashable, Sendable {
    struct Step: Hashable, Sendable {
        var name: String
        var attributes: [(String, String)]

        static func == (a: Step, b: Step) -> Bool {
            a.name == b.name && a.attributes.map { "\($0.0)=\($0.1)" } == b.attributes.map { "\($0.0)=\($0.1)" }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            for (k, v) in attributes { hasher.combine(k); hasher.combine(v) }
        }
    }

    let text: String
    let steps: [Step]
    /// Whether every name is an unprefixed XML name and no literal holds a quote, so walking the
    /// tree and evaluating the XPath agree exactly (see `find(in:)`).
    let isPlain: Bool

    /// Parses the restricted syntax; nil for anything else (the catalogue test rejects such rules).
    init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        var steps: [Step] = []
        var rest = Substring(text.dropFirst())
        while !rest.isEmpty {
            let nameEnd = rest.firstIndex { $0 == "/" || $0 == "[" } ?? rest.endIndex
            let name = String(rest[..<nameEnd])
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ":" }) else { return nil }
            rest = rest[nameEnd...]
            var attributes: [(String, String)] = []
            while rest.first == "[" {
                // [@attr='value']
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                guard inner.first == "@", let eq = inner.firstIndex(of: "=") else { return nil }
                let attr = String(inner[inner.index(after: inner.startIndex)..<eq])
                var value = inner[inner.index(after: eq)...]
                guard value.count >= 2, let q = value.first, q == "'" || q == "\"", value.last == q else { return nil }
                value = value.dropFirst().dropLast()
                attributes.append((attr, String(value)))
                rest = rest[rest.index(after: close)...]
            }
            steps.append(Step(name: name, attributes: attributes))
            if rest.first == "/" { rest = rest.dropFirst() } else if !rest.isEmpty { return nil }
        }
        guard !steps.isEmpty else { return nil }
        self.text = text
        self.steps = steps
        isPlain = steps.allSatisfy { step in
            XMLName.isPlain(step.name)
                && step.attributes.allSatisfy { XMLName.isPlain($0.0) && !$0.1.contains("'") && !$0.1.contains("\"") }
        }
    }

    static func == (a: CreatablePath, b: CreatablePath) -> Bool { a.text == b.text }
    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The first element at this path in document order, or nil.
    ///
    /// Paths of plain names and plain attribute tests are walked in the tree, which is what the
    /// XPath would select (an unprefixed name test matches elements and attributes in no
    /// namespace) at a fraction of the cost of an XPath evaluation per rule and domain. Paths
    /// with a prefix or an unusual literal go through XPath, which resolves them exactly.
    func find(in document: XMLDocument) throws -> XMLElement? {
        guard isPlain else { return try document.select(text).first }
        let root = document.root
        guard matches(root, steps[0]) else { return nil }
        return first(below: root, from: 1)
    }

    /// The first descendant of `element` that matches `steps[index...]`, depth first and in
    /// document order, as XPath orders a location path's result.
    private func first(below element: XMLElement, from index: Int) -> XMLElement? {
        guard index < steps.count else { return element }
        for child in element.children where matches(child, steps[index]) {
            if let found = first(below: child, from: index + 1) { return found }
        }
        return nil
    }

    private func matches(_ element: XMLElement, _ step: Step) -> Bool {
        element.namespaceURI == nil && element.name == step.name
            && step.attributes.allSatisfy { element.attribute($0.0) == $0.1 }
    }

    /// The element at this path, created (with its predicate attributes) where missing.
    @discardableResult
    func create(in document: XMLDocument) throws -> XMLElement {
        var (current, next) = try existing(in: document)
        for step in steps[next...] {
            current = try current.appendChild(step.name, attributes: step.attributes)
        }
        return current
    }

    /// How far `create(in:)` gets through elements that exist: the last of them, and the index
    /// of the first step it has to append (`steps.count` when the whole path exists).
    func existing(in document: XMLDocument) throws -> (element: XMLElement, next: Int) {
        var current = document.root
        guard current.name == steps[0].name else {
            throw XMLError(message: "path '\(text)' does not start at the root element '\(current.name)'")
        }
        for (index, step) in steps.enumerated().dropFirst() {
            // An element picked out by predicates is one of several of its kind (a channel, a
            // graphics): reuse it only if the rest of the path fits in it. A plain name is a
            // singleton container (devices, features) and is always reused.
            let existing = current.children.first { child in
                Self.step(step, names: child) && (step.attributes.isEmpty || canHold(child, from: index + 1))
            }
            guard let existing else { return (current, index) }
            current = existing
        }
        return (current, steps.count)
    }

    /// Whether `element` is the one `step` names (as `create` compares: by qualified name).
    private static func step(_ step: Step, names element: XMLElement) -> Bool {
        element.qualifiedName == step.name && step.attributes.allSatisfy { element.attribute($0.0) == $0.1 }
    }

    /// Whether the rest of the path (`steps[index...]`) can be created inside `element` without
    /// giving it a second child of a name it already has: its children of the next step's name
    /// include one that matches (and can hold the rest in turn), or there are none. A channel
    /// whose `<target>` names another service is not where the guest agent's `<target>` goes
    /// (libvirt allows one target per channel); a new channel is.
    private func canHold(_ element: XMLElement, from index: Int) -> Bool {
        guard index < steps.count else { return true }
        let named = element.children.filter { $0.qualifiedName == steps[index].name }
        return named.isEmpty || named.contains { Self.step(steps[index], names: $0) && canHold($0, from: index + 1) }
    }
}
