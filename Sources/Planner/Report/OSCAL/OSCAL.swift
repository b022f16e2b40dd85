import Compiler
import Digests
import Foundation

/// What the OSCAL documents share: the model version, hvharden's property namespace, stable
/// name-based UUIDs, timestamps and the JSON text. Values are `JSONValue`s; strings pass through
/// `text` or `line`, since OSCAL forbids empty strings and leading or trailing blanks.
public enum OSCAL {
    /// The OSCAL model version the documents follow (what compliance-trestle 3.12 validates).
    public static let version = "1.1.3"
    /// The namespace of hvharden's own properties (an identifier, never fetched).
    public static let namespace = "https://hvharden.dev/ns/oscal"

    /// The UUID for an object named by `parts` (joined with spaces): the same parts always give
    /// the same UUID, so re-running on the same host gives the same ids.
    public static func uuid(_ parts: String...) -> JSONValue {
        .string(NameBasedUUID.make(name: parts.joined(separator: " ")))
    }

    /// A timestamp with its time zone, as OSCAL's `date-time-with-timezone` wants (UTC).
    public static func timestamp(_ date: Date) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return .string(formatter.string(from: date))
    }

    /// The end of the day `YYYY-MM-DD` (a waiver's or attestation's last day), UTC; nil when
    /// the text is not such a date.
    public static func endOfDay(_ day: String) -> JSONValue? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        guard let date = formatter.date(from: day) else { return nil }
        return timestamp(date.addingTimeInterval(86_399))
    }

    /// A multi-line text (markup-multiline): trimmed, never empty.
    public static func text(_ value: String) -> JSONValue {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return .string(trimmed.isEmpty ? "(none)" : trimmed)
    }

    /// A one-line text (titles, property values): whitespace runs become one space.
    public static func line(_ value: String) -> JSONValue {
        text(value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    }

    /// An hvharden property.
    public static func prop(_ name: String, _ value: String, class className: String? = nil, remarks: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["name": .string(name), "ns": .string(namespace), "value": line(value)]
        if let className { object["class"] = .string(className) }
        if let remarks { object["remarks"] = text(remarks) }
        return .object(object)
    }

    /// The document's metadata.
    static func metadata(title: String, lastModified: Date, props: [JSONValue]) -> JSONValue {
        .object([
            "title": line(title), "last-modified": timestamp(lastModified), "version": line(HVHardenVersion.current),
            "oscal-version": .string(version), "props": .array(props),
        ])
    }

    /// Pretty, key-sorted JSON text ending in a newline.
    static func encode(_ value: JSONValue) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
