import Compiler
import Foundation

/// Compiles the profiles `BaselineBuilder` generates, in memory, before anything is written
/// where the user asked (`Compiler.compile(sources:)`: the same checks as files, and an
/// `extends` between generated texts resolves among them). The texts are named under a
/// directory that cannot exist (`.invalid`), so no file on disk can stand in for one of them.
struct BaselineCheck {
    static let directory = "hvharden-baseline.invalid"
    let today: Date
    /// Generated texts already checked, by their path, available to later `extends`.
    private var texts: [(name: String, text: [UInt8])] = []

    init(today: Date) { self.today = today }

    /// The path a generated profile is known by, e.g. `hvharden-baseline.invalid/hosts/a.yaml`.
    static func path(_ relative: String) -> String { "\(directory)/\(relative)" }

    /// Compiles `text` as `relative` (with the texts given before it as possible parents) and
    /// keeps it for later ones. Errors anywhere, and warnings in a generated text, mean the
    /// generated text is wrong; an error that only concerns the parent is the parent's.
    mutating func compile(_ relative: String, _ text: String, generated name: String) throws(BaselineError) -> Policy {
        let path = Self.path(relative)
        texts.removeAll { $0.name == path }
        // Earlier texts first: a text reached again through `extends` is layered once, at its
        // first position, so this layers exactly what compiling the new text alone would.
        let sources = texts + [(name: path, text: Array(text.utf8))]
        let compilation: Compilation
        do {
            compilation = try Compiler.compile(sources: sources, today: today)
        } catch {
            throw .generatedProfileInvalid(name, error)
        }
        let own = compilation.warnings.filter { $0.location?.file.hasPrefix(Self.directory + "/") == true }
        guard own.isEmpty else { throw .generatedProfileInvalid(name, DiagnosticsError(own)) }
        texts.append((name: path, text: Array(text.utf8)))
        return compilation.policy
    }
}
