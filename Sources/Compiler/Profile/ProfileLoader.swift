import Foundation
import Yams

/// Reads one profile (a file, a shipped one or a text in memory) into a validated `ProfileDocument`: size limit,
/// YAML syntax, node budget, then the profile's own rules, each problem a located diagnostic.
struct ProfileLoader: Sendable {
    /// Profiles are a few kilobytes; a bigger file is a mistake (or an attack) and is refused
    /// before the YAML parser sees it.
    static let maxFileSize = 1 << 20

    let catalogue: RuleCatalogue
    let today: Date
    /// Shipped profiles by name (without `.yaml`), referenced from `extends`.
    let shipped: [String: String]
    /// Texts given in memory by path (`Compiler.compile(sources:)`); they shadow files.
    let texts: [ProfilePath: [UInt8]]
    /// Directories searched, in order, for a profile named without a path that is neither a
    /// file nor shipped inside the binary (`installedDirectories` unless a test says otherwise).
    let directories: [String]

    /// Where the Debian package installs the shipped profiles' YAML (scripts/package.sh); an
    /// operator's own profile placed there is found by name too. Searched after the working
    /// directory and the profiles built into the binary, which therefore always win.
    static let installedDirectories = ["/usr/share/hvharden/profiles"]

    init(catalogue: RuleCatalogue, today: Date, shipped: [(name: String, text: String)] = Bundled.profiles,
         texts: [ProfilePath: [UInt8]] = [:], directories: [String] = installedDirectories) {
        self.catalogue = catalogue
        self.today = today
        self.shipped = Dictionary(shipped.map { (Self.shippedName($0.name), $0.text) }, uniquingKeysWith: { first, _ in first })
        self.texts = texts
        self.directories = directories
    }

    /// The first file `NAME.yaml` (or `NAME` itself when it ends in `.yaml` or `.yml`) in
    /// `directories` that exists, for a name without a `/`; nil otherwise.
    func installed(_ name: String) -> ProfilePath? {
        guard !name.isEmpty, !name.contains("/") else { return nil }
        let file = name.hasSuffix(".yaml") || name.hasSuffix(".yml") ? name : name + ".yaml"
        for directory in directories {
            guard case .success(let path) = ProfilePath.parse(directory + "/" + file),
                  path.lastComponent == file, exists(path) else { continue }
            return path
        }
        return nil
    }

    /// `nist-800-125a-baseline.yaml` → `nist-800-125a-baseline`.
    static func shippedName(_ file: String) -> String {
        file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file
    }

    /// Whether a path names a text given in memory or anything on disk (of whatever type:
    /// reading it then says what is wrong with it).
    func exists(_ path: ProfilePath) -> Bool {
        texts[path] != nil || ProfileFile.kind(at: path.text) != .missing
    }

    /// The source a checked path stands for: a text given in memory, else a file.
    func source(for path: ProfilePath) -> ProfileSource {
        texts[path] != nil ? .text(path) : .file(path)
    }

    /// The document (nil when the file could not be read or is not a profile at all) and
    /// every diagnostic found, warnings included. Problems with the file as a whole (missing,
    /// not a regular file, not a profile) are located at `namedAt`, the `extends` entry that
    /// named it, when there is one.
    func load(_ source: ProfileSource, namedAt: SourceLocation? = nil) -> (document: ProfileDocument?, diagnostics: [Diagnostic]) {
        switch source {
        case .shipped(let name):
            guard let text = shipped[name] else {
                return (nil, [.error("no shipped profile '\(name.excerpt)'\(Spelling.didYouMean(name, in: shipped.keys))", at: nil)])
            }
            return load(bytes: Array(text.utf8), from: source, namedAt: namedAt)
        case .file(let path):
            switch ProfileFile.read(path.text, limit: Self.maxFileSize) {
            case .success(let bytes): return load(bytes: bytes, from: source, namedAt: namedAt)
            case .failure(let failure): return (nil, [.error(failure.message, at: namedAt)])
            }
        case .text(let path):
            let bytes = texts[path] ?? []
            guard bytes.count <= Self.maxFileSize else {
                return (nil, [.error("profile '\(path.text)' is larger than 1 MiB; refusing to read it "
                    + "(a profile is a few kilobytes)", at: namedAt)])
            }
            return load(bytes: bytes, from: source, namedAt: namedAt)
        }
    }

    /// Everything after reading, the same for files, shipped profiles and texts: UTF-8, YAML
    /// syntax, node budget, then the profile's own rules.
    func load(bytes: [UInt8], from source: ProfileSource, namedAt: SourceLocation? = nil) -> (document: ProfileDocument?, diagnostics: [Diagnostic]) {
        let start = namedAt ?? SourceLocation(file: source.displayPath, line: 1, column: 1)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            return (nil, [.error("profile '\(source.displayPath)' is not UTF-8 text", at: start)])
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                return (nil, [.error("profile '\(source.displayPath)' is empty", at: start)])
            }
            root = composed
        } catch {
            return (nil, [Self.syntaxError(error, in: source.displayPath, text: text)])
        }
        if let last = NodeBudget.exceeded(in: root) {
            let at = SourceLocation(file: source.displayPath, line: last.mark?.line ?? 1, column: last.mark?.column ?? 1)
            return (nil, [.error("profile '\(source.displayPath)' expands to more than \(NodeBudget.limit) YAML nodes "
                + "(aliases repeated over and over?); refusing to read it", at: at)])
        }
        var reader = ProfileReader(source: source, catalogue: catalogue, today: today)
        reader.fileLocation = namedAt
        let document = reader.read(root, bytes: bytes)
        return (document, reader.diagnostics)
    }

    /// A Yams error as a diagnostic at the line and column the YAML parser stopped at.
    static func syntaxError(_ error: any Error, in file: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        guard let yaml = error as? YamlError else {
            return .error("invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return .error("invalid YAML: \(problem)\(while_)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().prefix(5).map { "'\($0.excerpt)'" }.joined(separator: ", ")
            return .error("duplicate key \(keys) in a mapping", at: at(context.mark))
        case .reader(let problem, let offset, _, _):
            // The offset counts characters from the start of the text.
            let prefix = offset.map { String(text.prefix($0)) } ?? ""
            let line = prefix.count(where: { $0 == "\n" }) + 1
            let column = prefix.count - (prefix.lastIndex(of: "\n").map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
            return .error("invalid YAML: \(problem)", at: SourceLocation(file: file, line: line, column: column))
        default:
            return .error("invalid YAML: \(yaml)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
