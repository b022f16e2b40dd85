import Compiler
import Foundation

/// Where a plan item points in SARIF: physically at the profile line that selected its rule,
/// logically at the host, the domain or file, and the XML path or config key.
///
/// The physical location falls back, in order, to: the rule's `selectedBy` line; the first line
/// of the most specific profile (a policy rebuilt from a saved plan has no lines); and, when no
/// profile was given at all, the rule's page under `SARIFRenderer.informationURI` (the policy is
/// then the catalogue's defaults, and there is no file in any repository to point at).
struct ReportLocator {
    /// SARIF's conventional base for paths inside the checked-out repository.
    static let sourceRoot = "%SRCROOT%"

    private let selectedBy: [String: SourceLocation]
    private let mostSpecificProfile: String?
    private let baseDirectory: String

    init(policy: Policy, profiles: [String], baseDirectory: String) {
        var selectedBy: [String: SourceLocation] = [:]
        for selected in policy.rules {
            if let location = selected.selectedBy { selectedBy[selected.rule.id] = location }
        }
        self.selectedBy = selectedBy
        self.mostSpecificProfile = profiles.last ?? policy.sources.last
        self.baseDirectory = baseDirectory
    }

    func location(rule: String, address: Address) -> SARIFLog.PhysicalLocation {
        if let at = selectedBy[rule] {
            return .init(artifactLocation: artifact(at.file), region: .init(startLine: max(at.line, 1), startColumn: max(at.column, 1)))
        }
        if let profile = mostSpecificProfile {
            return .init(artifactLocation: artifact(profile), region: .init(startLine: 1, startColumn: 1))
        }
        let page = "\(SARIFRenderer.informationURI)/rules/\(Self.encode(rule, keepingSlash: false))"
        return .init(artifactLocation: .init(uri: page, uriBaseId: nil, description: nil), region: nil)
    }

    /// A profile path as SARIF wants it: relative to `%SRCROOT%` when it lies below the base
    /// directory (profiles given relative to the working directory, shipped ones as
    /// `profiles/NAME.yaml`), an absolute `file://` URI otherwise.
    func artifact(_ path: String) -> SARIFLog.ArtifactLocation {
        let absolute = path.hasPrefix("/") ? path : baseDirectory + "/" + path
        let normalized = URL(fileURLWithPath: absolute).standardized.path
        let base = baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/"
        if normalized.hasPrefix(base) {
            return .init(uri: Self.encode(String(normalized.dropFirst(base.count)), keepingSlash: true), uriBaseId: Self.sourceRoot, description: nil)
        }
        return .init(uri: Self.fileURI(normalized), uriBaseId: nil, description: nil)
    }

    /// `file:///abs/path`, percent-encoded.
    static func fileURI(_ absolutePath: String) -> String {
        "file://" + encode(absolutePath, keepingSlash: true)
    }

    /// Percent-encodes everything but unreserved characters (and `/` when asked): a `:` in a
    /// relative reference's first segment would otherwise read as a URI scheme.
    static func encode(_ text: String, keepingSlash: Bool) -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        if keepingSlash { allowed.insert("/") }
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The host, then the domain or file, then the path inside it, each fully qualified.
    static func logicalLocations(host: String, address: Address) -> [SARIFLog.LogicalLocation] {
        var locations = [SARIFLog.LogicalLocation(name: host, fullyQualifiedName: host, kind: "namespace")]
        var object = host
        if let ref = address.ref {
            object = "\(host) \(address.object)"
            let description = ResourceKinds.description(of: ref.kind)
            locations.append(.init(name: ref.name, fullyQualifiedName: object, kind: description.locationKind))
            if let path = address.path {
                locations.append(.init(name: path, fullyQualifiedName: "\(object) \(path)", kind: description.pathKind(path)))
            }
        }
        return locations
    }
}
