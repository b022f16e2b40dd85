import Host

/// Applies domain-XML edits to a parsed definition. The Applier uses it before redefining a
/// domain; tests use it to prove that a plan's edits make its rules hold.
public enum XMLEditor {
    public static func apply(_ edits: [Edit], to document: XMLDocument) throws {
        for edit in edits { try apply(edit, to: document) }
    }

    public static func apply(_ edit: Edit, to document: XMLDocument) throws {
        switch edit {
        case .xmlSetAttribute(let path, let attribute, let value):
            let element = try creatable(path).create(in: document)
            try element.setAttribute(attribute, value)
        case .xmlSetText(let path, let value):
            try creatable(path).create(in: document).setText(value)
        case .xmlCreate(let path):
            try creatable(path).create(in: document)
        case .xmlRemove(let select):
            for element in try document.select(select) { element.remove() }
        case .configSet, .configSetList:
            throw XMLError(message: "a config edit cannot be applied to domain XML")
        }
    }

    private static func creatable(_ path: String) throws -> CreatablePath {
        guard let p = CreatablePath(path) else { throw XMLError(message: "'\(path)' is not a creatable path") }
        return p
    }
}
