import Compiler
import Foundation

/// Reads saved plans (`hvharden plan --out`) for reports over many hosts. Unlike `apply`, a
/// report accepts plans made by another hvharden version, as long as the plan format is the
/// same: a fleet is rarely upgraded all at once.
public enum PlanFile {
    public static func read(_ path: String) throws -> Plan {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PlanFileError.unreadable(path: path, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
        }
        // Fields every plan format has had; a facts report also has a formatVersion.
        struct Header: Decodable {
            var formatVersion: Int
            var profileDigest: String
            var connectURI: String
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else { throw PlanFileError.notAPlan(path: path) }
        guard header.formatVersion == Plan.currentFormatVersion else {
            throw PlanFileError.unknownFormat(path: path, version: header.formatVersion)
        }
        do {
            return try PlanJSONRenderer.decode(data)
        } catch let error as DecodingError {
            throw PlanFileError.invalid(path: path, reason: describe(error))
        } catch {
            throw PlanFileError.invalid(path: path, reason: "\(error)")
        }
    }

    /// "field 'changes[0].action' is missing" rather than Foundation's dump.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ last: (any CodingKey)? = nil) -> String {
            (context.codingPath + (last.map { [$0] } ?? [])).map { key in
                key.intValue.map { "[\($0)]" } ?? "." + key.stringValue
            }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context): return "field '\(path(context, key))' is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "field '\(path(context))' is not a \(type)"
        case .dataCorrupted(let context): return "field '\(path(context))': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// Why a plan file could not be read. Each case names the file.
public enum PlanFileError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case notAPlan(path: String)
    case unknownFormat(path: String, version: Int)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read plan file '\(path)': \(reason)"
        case .notAPlan(let path): return "'\(path)' is not an hvharden plan; save plans with 'hvharden plan --out'"
        case .unknownFormat(let path, let version):
            return "plan '\(path)' has format version \(version); this hvharden reads version \(Plan.currentFormatVersion)"
        case .invalid(let path, let reason): return "'\(path)' is not a valid hvharden plan: \(reason)"
        }
    }
}
