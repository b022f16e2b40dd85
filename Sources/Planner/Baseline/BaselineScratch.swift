import Compiler
import Foundation

/// A private temporary directory where `BaselineBuilder` compiles the profiles it generates
/// before anything is written where the user asked: the Compiler reads profiles from files (and
/// resolves `extends` next to them), so checking the text means putting it in a file first.
struct BaselineScratch {
    let directory: URL

    init() throws(BaselineError) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvharden-baseline-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .temporaryFiles("\(error.localizedDescription)")
        }
    }

    /// Writes `text` to `relative` (which may name a subdirectory) and returns the path.
    func write(_ relative: String, _ text: String) throws(BaselineError) -> String {
        let url = directory.appendingPathComponent(relative)
        let path = url.path
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .temporaryFiles("\(error.localizedDescription)")
        }
        return path
    }

    /// Compiles the profile at `path`. Errors anywhere, and warnings in the generated file, mean
    /// the generated text is wrong; an error that only concerns the parent is the parent's.
    func compile(_ path: String, today: Date, generated name: String) throws(BaselineError) -> Policy {
        let compilation: Compilation
        do {
            compilation = try Compiler.compile(profiles: [path], today: today)
        } catch {
            throw .generatedProfileInvalid(name, error)
        }
        let own = compilation.warnings.filter { $0.location?.file.hasPrefix(directory.path) == true }
        guard own.isEmpty else { throw .generatedProfileInvalid(name, DiagnosticsError(own)) }
        return compilation.policy
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
