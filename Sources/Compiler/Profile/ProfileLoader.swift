import Foundation
import Yams

/// Reads one profile (a file or a shipped one) into a validated `ProfileDocument`: size limit,
/// YAML syntax, node budget, then the profile's own rules, each problem a located diagnostic.
struct ProfileLoader: Sendable {
    /// Profiles are a few kilobytes; a bigger file is a mistake (or an attack) and is refused
    /// before the YAML parser sees it.
    static let maxFileSize = 1 << 20

    let catalogue: RuleCatalogue
    let today: Date
    /// Shipped profiles by name (without `.yaml`), referenced from `extends`.
    let shipped: [String: String]

    init(catalogue: RuleCatalogue, today: Date, shipped: [(name: String, text: String)] = Bundled.profiles) {
        self.catalogue = catalogue
        self.today = today
        self.shipped = Dictionary(shipped.map { (Self.shippedName($0.name), $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    /// `nist-800-125a-baseline.yaml` → `nist-800-125a-baseline`.
    static func shippedName(_ file: String) -> String {
        file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file
    }

    /// The document (nil when the file could not be read or is not a profile at all) and
    /// every diagnostic found, warnings included.
    func load(_ source: ProfileSource) -> (document: ProfileDocument?, diagnostics: [Diagnostic]) {
        let bytes: [UInt8]
        switch read(source) {
        case .bytes(let read): bytes = read
        case .failed(let diagnostic): return (nil, [diagnostic])
        }
        let start = SourceLocation(file: source.displayPath, line: 1, column: 1)
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
        let document = reader.read(root, bytes: bytes)
        return (document, reader.diagnostics)
    }

    /// The source's bytes, refusing files over `maxFileSize` without reading them whole.
    private func read(_ source: ProfileSource) -> ReadResult {
        switch source {
        case .shipped(let name):
            guard let text = shipped[name] else {
                return .failed(.error("no shipped profile '\(name)'\(Spelling.didYouMean(name, in: shipped.keys))", at: nil))
            }
            return .bytes(Array(text.utf8))
        case .file(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failed(.error("no such profile file '\(path)'", at: nil))
            }
            guard !isDirectory.boolValue else {
                return .failed(.error("'\(path)' is a directory, not a profile file", at: nil))
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return .failed(.error("cannot read profile '\(path)'", at: nil))
            }
            defer { try? handle.close() }
            do {
                // Reading one byte past the limit tells "too big" apart without trusting the
                // file size, which a FIFO or /proc file would not report.
                let data = try handle.read(upToCount: Self.maxFileSize + 1) ?? Data()
                guard data.count <= Self.maxFileSize else {
                    return .failed(.error("profile '\(path)' is larger than 1 MiB; refusing to read it "
                        + "(a profile is a few kilobytes)", at: nil))
                }
                return .bytes(Array(data))
            } catch {
                return .failed(.error("cannot read profile '\(path)': \(error.localizedDescription)", at: nil))
            }
        }
    }

    private enum ReadResult {
        case bytes([UInt8])
        case failed(Diagnostic)
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
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
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
