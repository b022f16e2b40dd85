import Foundation

/// Follows `extends` and puts every profile in layering order: depth-first, parents before
/// children, parents in the order listed. A profile reached twice (two parents sharing a
/// grandparent, or the same file given twice) is layered once, at its first position, so a
/// shared base cannot come back later and undo what the layers after it changed.
///
/// Every name or path, from the command line or from `extends`, goes through
/// `ProfilePath.parse` before it is used, and a file's type is looked at before it is opened.
struct ProfileResolver {
    let loader: ProfileLoader
    private(set) var layers: [ProfileDocument] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var done: Set<String> = []

    init(loader: ProfileLoader) { self.loader = loader }

    /// Loads what a command-line argument names: an existing file, else a shipped name, else
    /// `NAME.yaml` in an installed profile directory (`ProfileLoader.installedDirectories`),
    /// else a file (whose absence is then reported).
    mutating func visit(argument: String) {
        let parsed = ProfilePath.parse(argument)
        if case .success(let path) = parsed, loader.exists(path) {
            return visit(loader.source(for: path))
        }
        let name = ProfileLoader.shippedName(argument)
        if !argument.contains("/"), loader.shipped[name] != nil { return visit(.shipped(name)) }
        if let path = loader.installed(argument) { return visit(.file(path)) }
        // A bare name that is neither a file nor a shipped profile is most likely a misspelt one.
        if !argument.contains("/"), case .success(let path) = parsed, !loader.exists(path) {
            let shipped = loader.shipped.keys.sorted()
            diagnostics.append(.error(
                "no such profile file '\(argument.excerpt)', and no shipped profile has that name\(Spelling.didYouMean(name, in: shipped)); "
                    + "shipped profiles: \(shipped.joined(separator: ", "))", at: nil))
            return
        }
        switch parsed {
        case .success(let path): visit(loader.source(for: path))
        case .failure(let invalid): diagnostics.append(.error(invalid.message, at: nil))
        }
    }

    /// Loads `source` and, first, everything it extends. Problems with the file itself (missing,
    /// not a regular file, not a profile) are located at the `extends` entry that named it.
    mutating func visit(_ source: ProfileSource, chain: [ProfileSource] = [], via entry: Located<String>? = nil) {
        if let start = chain.firstIndex(where: { $0.identity == source.identity }) {
            let names = (chain[start...] + [source]).map { "'\($0.displayPath)'" }.joined(separator: " → ")
            diagnostics.append(.error("extends cycle: \(names)", at: entry?.location))
            return
        }
        guard !done.contains(source.identity) else { return }
        let (document, found) = loader.load(source, namedAt: entry?.location)
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
    /// the profile that names it, else (for a name without a `/`) one in an installed profile
    /// directory. Reports the entry when it is no usable path or none of these exists.
    private mutating func resolve(_ entry: Located<String>, from child: ProfileSource) -> ProfileSource? {
        let name = entry.value
        let isPath = name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        if !isPath, loader.shipped[name] != nil { return .shipped(name) }
        let relative: ProfilePath
        switch ProfilePath.parse(name) {
        case .success(let path): relative = path
        case .failure(let invalid):
            diagnostics.append(.error("cannot use parent profile: \(invalid.message)", at: entry.location))
            return nil
        }
        var looked = ""
        if let base = child.path {
            let path = base.sibling(relative)
            if loader.exists(path) { return loader.source(for: path) }
            looked = " and there is no file '\(path.text)'"
        }
        // `base.yaml` may name a shipped profile too; inside a shipped profile every parent is shipped.
        let shippedName = ProfileLoader.shippedName(relative.lastComponent)
        let childIsShipped = if case .shipped = child { true } else { false }
        if loader.shipped[shippedName] != nil, !name.contains("/") || childIsShipped {
            return .shipped(shippedName)
        }
        if !childIsShipped, let path = loader.installed(name) { return .file(path) }
        let suggestion = Spelling.didYouMean(shippedName, in: loader.shipped.keys)
        diagnostics.append(.error("cannot find parent profile '\(name.excerpt)': no shipped profile has that name\(looked)\(suggestion)",
                                  at: entry.location))
        return nil
    }
}
