/// The part of SARIF 2.1.0 (OASIS, errata 01) that hvharden writes, as Encodable values whose
/// property names are the specification's. Optional properties that are nil are left out, as
/// the schema wants (most SARIF properties may be absent but not null). Only `SARIFRenderer`
/// builds these; the JSON they encode to is checked against the official schema by the tests.
struct SARIFLog: Encodable {
    var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, runs
    }

    struct Run: Encodable {
        var tool: Tool
        /// GitHub's analysis category is the part of `id` before the last `/`: one per host, so
        /// that uploading another host's results does not close this host's alerts.
        var automationDetails: AutomationDetails
        var originalUriBaseIds: [String: ArtifactLocation]?
        var invocations: [Invocation]
        var results: [Result]
        var properties: [String: JSONValueBag]?
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct AutomationDetails: Encodable {
        var id: String
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]?
    }

    struct Notification: Encodable {
        var message: Message
        var level: String
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
        var properties: [String: JSONValueBag]
    }

    struct Configuration: Encodable {
        var level: String
    }

    /// A SARIF message or multiformat message string: plain text, optionally with Markdown.
    struct Message: Encodable {
        var text: String
        var markdown: String?
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: [String: JSONValueBag]
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
        var logicalLocations: [LogicalLocation]
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
        var description: Message?
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }

    struct LogicalLocation: Encodable {
        var name: String
        var fullyQualifiedName: String
        var kind: String
    }
}

/// A value of a SARIF property bag: free-form JSON (strings, numbers, lists, nested bags).
indirect enum JSONValueBag: Encodable, ExpressibleByStringLiteral {
    case string(String)
    case int(Int)
    case list([JSONValueBag])
    case object([String: JSONValueBag])

    init(stringLiteral value: String) { self = .string(value) }

    static func strings(_ values: [String]) -> JSONValueBag { .list(values.map(JSONValueBag.string)) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .int(let i): try container.encode(i)
        case .list(let l): try container.encode(l)
        case .object(let o): try container.encode(o)
        }
    }
}
