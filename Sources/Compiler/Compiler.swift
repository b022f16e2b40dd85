import Foundation

// The Compiler module turns what a security engineer writes into what the Planner checks. It
// reads profiles (YAML with `apiVersion: hvharden/v1`, `kind: Profile`) with source locations,
// follows `extends`, layers them field by field, checks every key, type, enum value, rule id,
// parameter, waiver and attestation (reporting all problems at once, compiler-style), and
// compiles the result against the rule catalogue into a `Policy`: a plain value that no longer
// refers to YAML. The catalogue itself (`RuleCatalogue`) and the model types live here too.
// Nothing in this module touches the host.

/// The profile compiler's entry point: profiles in, `Policy` out.
///
/// ```swift
/// let result = try Compiler.compile(profiles: ["site.yaml"])
/// plan(result.policy, ...)
/// ```
public enum Compiler {
    /// Compiles profiles into a policy.
    ///
    /// - Parameters:
    ///   - profiles: Files, or names of shipped profiles (`nist-800-125a-baseline`), layered in
    ///     order: each one's `extends` comes first, then the profile, then the next argument.
    ///     A profile reached twice is layered once, at its first position. An empty list
    ///     compiles the catalogue with the default posture.
    ///   - catalogue: The rules to select from; tests inject a small one.
    ///   - today: Waivers that ended before this day are errors (attestations: warnings).
    /// - Returns: The policy and the warnings (problems that do not stop compilation).
    /// - Throws: `DiagnosticsError` with every error found, in every file, and the warnings,
    ///   each located as `FILE:LINE:COLUMN` where there is a line to point at.
    public static func compile(
        profiles: [String], catalogue: RuleCatalogue = .shipped, today: Date = Date()
    ) throws(DiagnosticsError) -> Compilation {
        try compile(profiles: profiles, catalogue: catalogue, today: today, shipped: Bundled.profiles)
    }

    /// `compile(profiles:catalogue:today:)` with the shipped profiles and the installed profile
    /// directories given, for tests.
    static func compile(
        profiles: [String], catalogue: RuleCatalogue, today: Date, shipped: [(name: String, text: String)],
        directories: [String] = ProfileLoader.installedDirectories
    ) throws(DiagnosticsError) -> Compilation {
        var resolver = ProfileResolver(loader: ProfileLoader(catalogue: catalogue, today: today, shipped: shipped,
                                                             directories: directories))
        for argument in profiles {
            resolver.visit(argument: argument)
        }
        return try finish(resolver, catalogue: catalogue)
    }

    /// Compiles profiles given as texts in memory, through the same checks as files: each
    /// `name` reads as a file's path (`site.yaml`, `fleet/base.yaml`), the texts are layered in
    /// order, and an `extends` entry finds another of the texts by its path relative to the
    /// including one before it looks on disk or among the shipped profiles.
    public static func compile(
        sources: [(name: String, text: [UInt8])], catalogue: RuleCatalogue = .shipped, today: Date = Date()
    ) throws(DiagnosticsError) -> Compilation {
        var texts: [ProfilePath: [UInt8]] = [:]
        var order: [ProfilePath] = []
        var invalid: [Diagnostic] = []
        for source in sources {
            switch ProfilePath.parse(source.name) {
            case .success(let path):
                if texts.updateValue(source.text, forKey: path) == nil { order.append(path) }
            case .failure(let problem):
                invalid.append(.error(problem.message, at: nil))
            }
        }
        let loader = ProfileLoader(catalogue: catalogue, today: today, shipped: Bundled.profiles, texts: texts)
        var resolver = ProfileResolver(loader: loader)
        for path in order {
            resolver.visit(.text(path))
        }
        return try finish(resolver, catalogue: catalogue, extra: invalid)
    }

    /// Layers and compiles what the resolver loaded; throws when any diagnostic is an error.
    private static func finish(
        _ resolver: ProfileResolver, catalogue: RuleCatalogue, extra: [Diagnostic] = []
    ) throws(DiagnosticsError) -> Compilation {
        var diagnostics = extra + resolver.diagnostics
        let layers = ProfileLayers(resolver.layers, catalogue: catalogue)
        diagnostics += layers.diagnostics
        var compiler = PolicyCompiler(catalogue: catalogue)
        let policy = compiler.compile(layers)
        diagnostics = Self.ordered(diagnostics + compiler.warnings)
        guard !diagnostics.contains(where: { $0.severity == .error }) else { throw DiagnosticsError(diagnostics) }
        return Compilation(policy: policy, warnings: diagnostics)
    }

    /// Without duplicates (an alias can repeat a node), files in the order first met, and by
    /// line and column within a file; unlocated problems first.
    static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        let unique = diagnostics.filter { seen.insert($0).inserted }
        var fileOrder: [String: Int] = [:]
        for case let location? in unique.map(\.location) where fileOrder[location.file] == nil {
            fileOrder[location.file] = fileOrder.count
        }
        return unique.enumerated().sorted { a, b in
            let ka = a.element.location.map { (fileOrder[$0.file]! + 1, $0.line, $0.column) } ?? (0, 0, 0)
            let kb = b.element.location.map { (fileOrder[$0.file]! + 1, $0.line, $0.column) } ?? (0, 0, 0)
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }
}

/// What `Compiler.compile` returns when there were no errors.
public struct Compilation: Sendable {
    public var policy: Policy
    /// Problems that did not stop compilation, e.g. enabling a rule that is not opt-in.
    public var warnings: [Diagnostic]

    public init(policy: Policy, warnings: [Diagnostic]) {
        self.policy = policy
        self.warnings = warnings
    }
}
