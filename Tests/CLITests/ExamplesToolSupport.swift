import Foundation
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests

/// The Python tools of `.venv-tools/` (scripts/python-tools.sh) that the examples' tests run:
/// ansible-playbook for the Ansible role and PyYAML (an ansible-core dependency) to read CI
/// files. A missing tool fails the test with the command that installs it; it never skips.
enum ExamplesToolSupport {
    enum Failure: Error, CustomStringConvertible {
        case missing(String)
        case unreadable(String, String)
        var description: String {
            switch self {
            case .missing(let path): return "'\(path)' is missing: run 'bash scripts/python-tools.sh' (scripts/test.sh does) to create .venv-tools/"
            case .unreadable(let path, let why): return "cannot read '\(path)' as YAML: \(why)"
            }
        }
    }

    static let venv = Repo.root.appendingPathComponent(".venv-tools/bin")

    static func tool(_ name: String) throws -> String {
        let path = venv.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Failure.missing(path) }
        return path
    }

    /// A YAML file as JSON values, every scalar a string (PyYAML's BaseLoader: `on:` stays the
    /// key "on" instead of YAML 1.1's boolean, `2` stays "2").
    static func yaml(_ path: String) throws -> Any {
        let script = "import json, sys, yaml; print(json.dumps(yaml.load(open(sys.argv[1]), Loader=yaml.BaseLoader)))"
        let run = try ProcessRun.run(try tool("python"), ["-c", script, path])
        guard run.status == 0 else { throw Failure.unreadable(path, run.stderr) }
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    /// Every `--option` name that `hvharden SUBCOMMAND --help` lists, for the given subcommands.
    static func hvhardenOptions(_ subcommands: [String]) throws -> Set<String> {
        var options: Set<String> = []
        for subcommand in subcommands {
            let help = try PlanCommandSupport.hvharden([subcommand, "--help"])
            options.formUnion(optionTokens(help.stdout))
        }
        return options
    }

    /// `--name` tokens in a text (without any `=value`).
    static func optionTokens(_ text: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9-])--[a-z][a-z0-9-]*")
        let range = NSRange(text.startIndex..., in: text)
        return Set(pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } })
    }
}
