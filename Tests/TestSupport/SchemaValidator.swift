import Foundation

/// Validates JSON against `docs/plan.schema.json` with the `jsonschema` Python package
/// (Debian's python3-jsonschema, installed by scripts/install-deps.sh). A missing Python or
/// package is an error, never a skip: without it the schema would go unchecked.
public enum SchemaValidator {
    public static let python = "/usr/bin/python3"
    public static let schema = Repo.root.appendingPathComponent("docs/plan.schema.json")

    public struct Result {
        public var valid: Bool
        /// One line per violation: `JSON/PATH: message`.
        public var output: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case missingPython(String)
        case tool(String)

        public var description: String {
            switch self {
            case .missingPython(let why): return why
            case .tool(let why): return "the schema validator failed: \(why)"
            }
        }
    }

    private static let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("the Python package 'jsonschema' is missing: apt-get install python3-jsonschema (scripts/install-deps.sh)")
            sys.exit(3)
        schema = json.load(open(sys.argv[1]))
        instance = json.load(open(sys.argv[2]))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        errors = sorted(cls(schema).iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
        for e in errors:
            print("/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message)
        sys.exit(1 if errors else 0)
        """

    public static func validate(_ json: Data) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure.missingPython("\(python) is missing: install python3 and python3-jsonschema (scripts/install-deps.sh) to check plans against the schema")
        }
        let instance = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-plan-\(UUID().uuidString).json")
        try json.write(to: instance)
        defer { try? FileManager.default.removeItem(at: instance) }
        let run = try ProcessRun.run(python, ["-c", script, schema.path, instance.path])
        switch run.status {
        case 0, 1: return Result(valid: run.status == 0, output: run.stdout + run.stderr)
        case 3: throw Failure.missingPython(run.stdout)
        default: throw Failure.tool("exit \(run.status): \(run.stdout)\(run.stderr)")
        }
    }
}
