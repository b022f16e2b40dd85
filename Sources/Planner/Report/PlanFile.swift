import Compiler
import Foundation

/// The one reader of saved plans (`hvharden plan --out`), for `apply`, `show`, `summarize` and
/// anything else that reads one. It tells a plan from other JSON (a facts report, a journal
/// manifest), names the version that wrote a plan it cannot read, and says which field is wrong
/// in a damaged one. Reports accept plans of another hvharden version with this plan format (a
/// fleet is rarely upgraded at once); `apply` asks for `.sameVersion`.
public enum PlanFile {
    public enum Requirement: Sendable {
        case sameFormat
        case sameVersion
    }

    /// The plan in `data`, read from the file `name` (for messages).
    public static func decode(_ data: Data, name: String, requiring requirement: Requirement = .sameFormat) throws -> Plan {
        struct Header: Decodable {
            var formatVersion: Int?
            var hvhardenVersion: String?
            var profileDigest: String?
            var connectURI: String?
            var host: JSONValue?
            var kind: String?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw PlanFileError.notAPlan(path: name, looksLike: nil)
        }
        guard let version = header.formatVersion, let written = header.hvhardenVersion,
              header.profileDigest != nil, header.connectURI != nil else {
            let other = header.host != nil ? "an hvharden facts report" : header.kind != nil ? "an hvharden journal manifest" : nil
            throw PlanFileError.notAPlan(path: name, looksLike: other)
        }
        guard version == Plan.currentFormatVersion else {
            throw PlanFileError.unknownFormat(path: name, version: version, writtenBy: written)
        }
        if requirement == .sameVersion, written != HVHardenVersion.current {
            throw PlanFileError.otherVersion(path: name, writtenBy: written)
        }
        do {
            return try PlanJSONRenderer.decode(data)
        } catch let error as DecodingError {
            throw PlanFileError.invalid(path: name, reason: describe(error))
        } catch {
            throw PlanFileError.invalid(path: name, reason: "\(error)")
        }
    }

    /// "field 'changes[0].action' is missing" rather than Foundation's dump.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ last: (any CodingKey)? = nil) -> String {
            // Map keys come from the file: quote at most a short, escaped prefix of each.
            (context.codingPath + (last.map { [$0] } ?? [])).map { key in
                key.intValue.map { "[\($0)]" } ?? "." + short(key.stringValue)
            }.joined().drop { $0 == "." }.description
        }
        func short(_ text: String) -> String {
            let safe = text.terminalSafe
            return safe.count <= 64 ? safe : safe.prefix(64) + "…"
        }
        switch error {
        case .keyNotFound(let key, let context): return "field '\(path(context, key))' is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "field '\(path(context))' is not a \(type)"
        case .dataCorrupted(let context): return "field '\(path(context))': \(short(context.debugDescription))"
        @unknown default: return "\(error)"
        }
    }
}

/// Why a plan file could not be read. Each case names the file.
public enum PlanFileError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case notAPlan(path: String, looksLike: String?)
    case unknownFormat(path: String, version: Int, writtenBy: String)
    case otherVersion(path: String, writtenBy: String)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read plan file '\(path)': \(reason)"
        case .notAPlan(let path, let other):
            return "'\(path)' is not an hvharden plan" + (other.map { " (it looks like \($0))" } ?? "")
                + "; save plans with 'hvharden plan --out'"
        case .unknownFormat(let path, let version, let writtenBy):
            return "plan '\(path)' was written by hvharden \(writtenBy) in plan format \(version); "
                + "this is hvharden \(HVHardenVersion.current), which reads plan format \(Plan.currentFormatVersion)"
        case .otherVersion(let path, let writtenBy):
            return "plan '\(path)' was written by hvharden \(writtenBy); this is hvharden \(HVHardenVersion.current): plan again"
        case .invalid(let path, let reason): return "'\(path)' is not a valid hvharden plan: \(reason)"
        }
    }
}
