import Yams

/// Typed reads of YAML nodes. Each returns nil after recording a located diagnostic, so a
/// caller can keep going and report every problem in the file at once.
extension ProfileReader {
    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: source.displayPath, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func error(_ message: String, at node: Node, rule: String? = nil) {
        diagnostics.append(.error(message, at: location(node), rule: rule))
    }

    mutating func warning(_ message: String, at node: Node, rule: String? = nil) {
        diagnostics.append(Diagnostic(.warning, message, at: location(node), rule: rule))
    }

    mutating func error(_ message: String, at location: SourceLocation, rule: String? = nil) {
        diagnostics.append(.error(message, at: location, rule: rule))
    }

    /// The entries of a mapping by key, after reporting keys that are not in `allowed` (with a
    /// suggestion) and `required` keys that are missing. A null section reads as empty.
    mutating func fields(
        of node: Node, at path: String, allowed: [String], required: [String] = []
    ) -> [String: (key: Node, value: Node)]? {
        if node.isNull && required.isEmpty { return [:] }
        guard let mapping = node.mapping else {
            error("expected a mapping for '\(path)', found \(node.kindDescription)", at: node)
            return nil
        }
        var fields: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                error("a key in '\(path)' must be a plain name, found \(key.kindDescription)", at: key)
                continue
            }
            if key.tagName == .merge {
                error("merge keys ('<<') are not supported in profiles; use 'extends' to share settings", at: key)
                continue
            }
            guard allowed.contains(name) else {
                let place = path.isEmpty ? "a profile" : "'\(path)'"
                error("unknown key '\(name.excerpt)' in \(place)\(Spelling.didYouMean(name, in: allowed))", at: key)
                continue
            }
            fields[name] = (key, value)
        }
        for name in required where fields[name] == nil {
            let place = path.isEmpty ? "the profile" : "'\(path)'"
            error("\(place) is missing the required key '\(name)'", at: node)
        }
        return fields
    }

    /// A non-null scalar's text. Numbers and booleans are accepted as their text, since a
    /// name or reason that happens to look like a number is still meant as text.
    mutating func string(_ node: Node, at path: String) -> String? {
        guard let scalar = node.scalar, !node.isNull else {
            error("expected a string for '\(path)', found \(node.kindDescription)", at: node)
            return nil
        }
        return scalar.string
    }

    /// A string that must not be empty or blank (names, reasons, statements).
    mutating func nonEmptyString(_ node: Node, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard !text.allSatisfy(\.isWhitespace) else {
            error("'\(path)' must not be empty", at: node)
            return nil
        }
        return text
    }

    /// A list of strings, each element checked (a bad element does not hide the others). A
    /// null reads as an empty list.
    mutating func stringList(_ node: Node, at path: String) -> [Located<String>]? {
        if node.isNull { return [] }
        guard let sequence = node.sequence else {
            error("expected a list of strings for '\(path)', found \(node.kindDescription)", at: node)
            return nil
        }
        var items: [Located<String>] = []
        var ok = true
        for element in sequence {
            guard let scalar = element.scalar, !element.isNull else {
                error("expected a list of strings for '\(path)', found \(element.kindDescription) in it", at: element)
                ok = false
                continue
            }
            items.append(Located(scalar.string, at: location(element)))
        }
        return ok ? items : nil
    }

    /// One of an enum's raw values; a bad value lists every valid one.
    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ node: Node, at path: String, as _: E.Type = E.self) -> E?
    where E.RawValue == String {
        let valid = E.allCases.map(\.rawValue)
        guard let scalar = node.scalar, !node.isNull else {
            error("expected one of \(valid.quotedList) for '\(path)', found \(node.kindDescription)", at: node)
            return nil
        }
        guard let value = E(rawValue: scalar.string) else {
            error("invalid value '\(scalar.string.excerpt)' for '\(path)'; valid values: \(valid.quotedList)"
                + Spelling.didYouMean(scalar.string, in: valid), at: node)
            return nil
        }
        return value
    }

    mutating func int(_ node: Node, at path: String) -> Int? {
        guard node.tagName == .int, let value = node.int else {
            error("expected an integer for '\(path)', found \(node.kindDescription)", at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, at path: String) -> Bool? {
        guard node.tagName == .bool, let value = node.bool else {
            error("expected true or false for '\(path)', found \(node.kindDescription)", at: node)
            return nil
        }
        return value
    }

    /// A `YYYY-MM-DD` day, returned as written.
    mutating func day(_ node: Node, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard text.count == 10, Waiver.parseDay(text) != nil else {
            error("malformed date '\(text.excerpt)' for '\(path)'; expected YYYY-MM-DD, e.g. 2027-03-31", at: node)
            return nil
        }
        return text
    }
}

extension Node {
    /// The resolved tag (`!!int`, `!!str` …): a quoted scalar is always a string.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }

    /// True for `~`, `null` and an empty value (`key:` with nothing after it).
    var isNull: Bool { scalar != nil && tagName == .null }

    /// "a mapping", "a list", "an integer" …: what the user wrote, for type errors.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch tagName {
            case .null: return "nothing"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .timestamp: return "a date"
            default: return "the string '\(scalar.string.excerpt)'"
            }
        }
    }
}

extension Array where Element == String {
    /// `'a', 'b', 'c'`.
    var quotedList: String { map { "'\($0)'" }.joined(separator: ", ") }
}
