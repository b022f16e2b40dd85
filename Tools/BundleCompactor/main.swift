import Compiler
import Foundation

// `hvharden-bundle-compactor CATALOGUE_DIR`: loads the rule catalogue from its YAML (the source of
// truth, checked as at any load) and prints it as JSON, one rule per line, for
// scripts/generate-bundle.sh to embed. The binary decodes that at start instead of parsing
// YAML; RuleCatalogueTests checks that both give the same rules.
let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: hvharden-bundle-compactor CATALOGUE_DIR\n".utf8))
    exit(2)
}
do {
    let directory = URL(fileURLWithPath: arguments[1])
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(".yaml") }
        .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    // As embedded by scripts/generate-bundle.sh: a multi-line literal drops the file's last newline.
    let files = try names.map { name in
        var text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        if text.hasSuffix("\n") { text.removeLast() }
        return (name: name, text: text)
    }
    let catalogue = try RuleCatalogue(files: files)
    print(try RuleCatalogue.compactJSON(catalogue.rules))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
