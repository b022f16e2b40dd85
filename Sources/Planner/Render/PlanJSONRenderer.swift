import Foundation

/// Renders a plan as JSON: the `Plan` Codable value, keys sorted and indented, so that the same
/// plan always gives the same bytes and two plans diff line by line. `docs/plan.schema.json`
/// describes the shape; it is also the format of a saved plan (`--out`).
public enum PlanJSONRenderer {
    /// The JSON text, ending in a newline.
    public static func render(_ plan: Plan) throws -> Data {
        var data = try encoder.encode(plan)
        data.append(0x0A)
        return data
    }

    /// Reads a plan back from `render`'s output.
    public static func decode(_ data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        // Slashes unescaped: the plan is full of XPaths and file paths, and `\/` helps no one.
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }
}
