import XMLKit

/// Applies domain edits to a parsed definition. The domain store uses it before redefining a
/// domain; tests use it to prove that a plan's edits make its rules hold.
public enum XMLEditor {
    public static func apply(_ edits: [DomainEdit], to document: XMLDocument) throws {
        for edit in edits { try apply(edit, to: document) }
    }

    public static func apply(_ edit: DomainEdit, to document: XMLDocument) throws {
        switch edit {
        case .setAttribute(let path, let attribute, let value):
            let element = try creatable(path).create(in: document)
            try element.setAttribute(attribute, value)
        case .setText(let path, let value):
            try creatable(path).create(in: document).setText(value)
        case .create(let path):
            try creatable(path).create(in: document)
        case .remove(let select):
            for element in try document.select(select) { element.remove() }
        }
    }

    private static func creatable(_ path: String) throws -> CreatablePath {
        guard let p = CreatablePath(path) else { throw XMLError(message: "'\(path)' is not a creatable path") }
        return p
    }
}
