import Compiler
import Host
import Planner

/// modprobe options across the modprobe.d files (`HostPaths.dropIns(for: .modprobe)`), read
/// from a loaded tree and resolved as kmod and the kernel resolve them (`ModprobeResolver`).
///
/// The Modprobe lens gives each `options` line as a node whose value is the module name as
/// written, with one child per parameter (its label the parameter name, its value what follows
/// `=`, quotes kept). Catalogue keys name a module and a parameter: `options[. = "kvm_intel"]/nested`.
struct ModprobeFiles {
    let files: [DropInFile]
    let sources: [ModprobeSource]

    init(tree: AugeasTree, files: [DropInFile], keys: [String]) throws {
        self.files = files
        let wanted = keys.compactMap(ModprobeName.key)
        sources = try DropInFile.sources(files) { content in
            var options: [ModprobeOption] = []
            for line in try tree.match("\(AugeasPath.files(content))/options") {
                let module = try tree.get(line) ?? ""
                let modules = wanted.filter { $0.module == ModprobeName.module(module) }
                guard !modules.isEmpty else { continue }
                for node in try tree.match("\(line)/*") {
                    guard let parameter = try tree.label(node), !parameter.hasPrefix("#"),
                          modules.contains(where: { $0.parameter == ModprobeName.parameter(parameter) }) else { continue }
                    options.append(ModprobeOption(module: module, parameter: parameter, value: try tree.get(node), line: tree.line(of: node)))
                }
            }
            return options
        }
    }

    func entry(_ key: String) throws -> ConfigEntry {
        guard let (module, parameter) = ModprobeName.key(key) else {
            throw PlanError.configFile(["modprobe key '\(key)' is not of the form options[. = \"MODULE\"]/PARAMETER"])
        }
        let wins = ownFileWins(module: module, parameter: parameter)
        guard let (source, option) = ModprobeResolver.resolve(module: module, parameter: parameter, in: sources) else {
            return ConfigEntry(key: key, ownFileWins: wins)
        }
        let occurrences = source.lines
            .filter { ModprobeName.module($0.module) == module && ModprobeName.parameter($0.parameter) == parameter }
            .map { ConfigOccurrence(line: $0.line, value: ModprobeName.unquote($0.value)) }
        return ConfigEntry(
            key: key, present: true, value: ModprobeName.unquote(option.value), definedIn: source.path, line: option.line,
            occurrences: occurrences, editable: source.editable, ownFileWins: wins)
    }

    /// Whether the parameter added to hvharden's own file would be what the module gets.
    func ownFileWins(module: String, parameter: String) -> Bool {
        let marker = "\u{1}hvharden"
        let option = ModprobeOption(module: module, parameter: parameter, value: marker, line: nil)
        return DropInFile.ownFileWins(.modprobe, files: files, sources: sources, adding: option) {
            ModprobeResolver.resolve(module: module, parameter: parameter, in: $0)?.option.value == marker
        }
    }
}
