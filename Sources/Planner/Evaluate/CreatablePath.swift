import Host

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
    }

    static func == (a: CreatablePath, b: CreatablePath) -> Bool { a.text == b.text }
    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The first element at this path, or nil.
    func find(in document: XMLDocument) throws -> XMLElement? {
        try document.select(text).first
    }

    /// The element at this path, created (with its predicate attributes) where missing.
    @discardableResult
    func create(in document: XMLDocument) throws -> XMLElement {
        var current = document.root
        guard current.name == steps[0].name else {
            throw XMLError(message: "path '\(text)' does not start at the root element '\(current.name)'")
        }
        for step in steps.dropFirst() {
            let existing = current.children.first { child in
                child.qualifiedName == step.name && step.attributes.allSatisfy { child.attribute($0.0) == $0.1 }
            }
            current = try existing ?? current.appendChild(step.name, attributes: step.attributes)
        }
        return current
    }
}
