import Foundation

/// Follows `extends` and puts every profile in layering order: depth-first, parents before
/// children, parents in the order listed. A profile reached twice (two parents sharing a
/// grandparent, or the same file given twice) is layered once, at its first position, so a
/// shared base cannot come back later and undo what the layers after it changed.
struct ProfileResolver {
    let loader: ProfileLoader
    private(set) var layers: [ProfileDocument] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var done: Set<String> = []

    init(loader: ProfileLoader) { self.loader = loader }

    /// How a command-line argument names a profile: an existing file, else a shipped name,
    /// else a file (whose absence is then reported).
    func source(forArgument argument: String) -> ProfileSource {
        if FileManager.default.fileExists(atPath: argument) { return .file(argument) }
        let name = ProfileLoader.shippedName(argument)
        if !argument.contains("/"), loader.shipped[name] != nil { return .shipped(name) }
        return .file(argument)
    }

    /// Loads `source` and, first, everything it extends.
    mutating func visit(_ source: ProfileSource, chain: [ProfileSource] = [], via entry: Located<String>? = nil) {
        if let start = chain.firstIndex(where: { $0.identity == source.identity }) {
            let names = (chain[start...] + [source]).map { "'\($0.displayPath)'" }.joined(separator: " → ")
            diagnostics.append(.error("extends cycle: \(names)", at: entry?.location))
            return
        }
        guard !done.contains(source.identity) else { return }
        let (document, found) = loader.load(source)
        diagnostics += found
        guard let document else { return }
        for parent in document.extends {
            guard let parentSource = resolve(parent, from: source) else { continue }
            visit(parentSource, chain: chain + [source], via: parent)
        }
        done.insert(source.identity)
        layers.append(document)
    }

    /// The profile an `extends` entry names: a shipped profile by name, or a file relative to
    /// the profile that names it. Reports the entry when neither exists.
    private mutating func resolve(_ entry: Located<String>, from child: ProfileSource) -> ProfileSource? {
        let name = entry.value
        let isPath = name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        if !isPath, loader.shipped[name] != nil { return .shipped(name) }
        var looked = ""
        if case .file = child {
            let path = child.sibling(name)
            if FileManager.default.fileExists(atPath: path) { return .file(path) }
            looked = " and there is no file '\(path)'"
        }
        // `base.yaml` may name a shipped profile too; inside a shipped profile every parent is shipped.
        let shippedName = ProfileLoader.shippedName((name as NSString).lastPathComponent)
        let childIsShipped = if case .shipped = child { true } else { false }
        if loader.shipped[shippedName] != nil, !name.contains("/") || childIsShipped {
            return .shipped(shippedName)
        }
        let suggestion = Spelling.didYouMean(shippedName, in: loader.shipped.keys)
        diagnostics.append(.error("cannot find parent profile '\(name)': no shipped profile has that name\(looked)\(suggestion)",
                                  at: entry.location))
        return nil
    }
}
