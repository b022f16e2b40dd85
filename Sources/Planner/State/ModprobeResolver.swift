/// Module and parameter names as kmod and the kernel compare them.
public enum ModprobeName {
    /// A module name as kmod stores it: `-` becomes `_` (outside `[...]`, as kmod's
    /// `underscores()` does), so `kvm-intel` and `kvm_intel` are one module.
    public static func module(_ name: String) -> String {
        var out = ""
        var inBrackets = false
        for ch in name {
            if ch == "[" { inBrackets = true } else if ch == "]" { inBrackets = false }
            out.append(ch == "-" && !inBrackets ? "_" : ch)
        }
        return out
    }

    /// A parameter name as the kernel compares it (`parameq`: `-` and `_` are equal).
    public static func parameter(_ name: String) -> String {
        String(name.map { $0 == "-" ? "_" : $0 })
    }

    /// The module and parameter of a catalogue key `options[. = "kvm_intel"]/nested`.
    public static func key(_ key: String) -> (module: String, parameter: String)? {
        let steps = ConfigKeyPath.steps(key)
        guard steps.count == 2, let (label, module) = ConfigKeyPath.valuePredicate(steps[0]), label == "options",
              !steps[1].isEmpty, !steps[1].contains("[") else { return nil }
        return (self.module(module), parameter(steps[1]))
    }

    /// A value as the kernel reads it: one pair of surrounding double quotes removed.
    public static func unquote(_ value: String?) -> String? {
        guard let value, value.count >= 2, value.first == "\"", value.last == "\"" else { return value }
        return String(value.dropFirst().dropLast())
    }

    /// The last `module.parameter[=value]` on a kernel command line for this module and
    /// parameter, as written and with its value. modprobe appends these options after every
    /// modprobe.d file (and the kernel reads them itself for a built-in module), so they win.
    public static func commandLine(_ cmdline: String, module: String, parameter: String) -> (token: String, value: String?)? {
        var found: (String, String?)?
        for token in tokens(cmdline) {
            let bare = token.filter { $0 != "\"" }
            guard let dot = bare.firstIndex(of: ".") else { continue }
            let eq = bare.firstIndex(of: "=")
            if let eq, eq < dot { continue }
            let name = eq.map { String(bare[bare.index(after: dot)..<$0]) } ?? String(bare[bare.index(after: dot)...])
            guard self.module(String(bare[..<dot])) == module, self.parameter(name) == parameter else { continue }
            found = (token, eq.map { String(bare[bare.index(after: $0)...]) })
        }
        return found
    }

    /// Words of a command line; spaces inside double quotes do not split.
    static func tokens(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() }
            if ch.isWhitespace && !quoted {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

/// One parameter of an `options` line as the Modprobe lens gives it.
public struct ModprobeOption: Hashable, Sendable {
    /// The module and parameter as written.
    public var module: String
    public var parameter: String
    /// The value as written (quotes kept); nil for a parameter without `=`.
    public var value: String?
    public var line: Int?

    public init(module: String, parameter: String, value: String?, line: Int?) {
        self.module = module
        self.parameter = parameter
        self.value = value
        self.line = line
    }
}

/// What a module gets for one parameter from modprobe.d. kmod joins the text of every
/// `options` line of the module, file after file in name order, and the kernel parses that
/// string left to right, so the last assignment of the parameter is the one that stays.
public enum ModprobeResolver {
    public static func resolve(module: String, parameter: String, in sources: [ModprobeSource]) -> (source: ModprobeSource, option: ModprobeOption)? {
        var found: (ModprobeSource, ModprobeOption)?
        for source in sources {
            for option in source.lines
            where ModprobeName.module(option.module) == module && ModprobeName.parameter(option.parameter) == parameter {
                found = (source, option)
            }
        }
        return found
    }
}
