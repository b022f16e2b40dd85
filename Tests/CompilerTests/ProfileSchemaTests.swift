import Foundation
import Testing
@testable import Compiler
import TestSupport

/// docs/profile.schema.json is kept in step with the loader: the same keys in every section
/// (both ways), the same enum values as the Swift enums, the catalogue's rule ids and
/// parameters, and every shipped profile valid against it.
@Suite struct ProfileSchemaTests {
    /// A profile that uses every key of every section, with valid values.
    static let everyKey = """
        apiVersion: hvharden/v1
        kind: Profile
        metadata:
          name: every-key
          description: Uses every key the schema lists.
        extends: [nist-800-125a-baseline]
        posture:
          platform: bare-metal
          virtualization: hardware-assisted
          bootIntegrity: preferred
          passthrough:
            mode: pci-vfio
            allowedDevices: ["8086:1572"]
            maxDevicesPerDomain: 2
            allowUSB: false
        domains:
          include: ["*"]
          exclude: ["template-*"]
        rules:
          enable: [domain-cpu-host-model]
          disable: [domain-type-kvm]
          values:
            qemu-max-files: 4096
        waivers:
          - rule: domain-graphics-auth
            domains: ["legacy-*"]
            hosts: ["kvm-*"]
            reason: "SEC-1: vendor console"
            expires: 2099-12-31
        attestations:
          - rule: host-boot-attestation-verified
            statement: "CHG-1: attestation server checks every boot"
            expires: 2099-12-31

        """

    @Test func generatedDefinitionsMatchTheCatalogue() throws {
        let text = try String(contentsOf: ProfileSchema.file, encoding: .utf8)
        let current = try ProfileSchema.load()
        let expected = try ProfileSchema.canonicalText(ProfileSchema.regenerated(current))
        if text != expected, ProcessInfo.processInfo.environment["HVHARDEN_UPDATE_GOLDEN"] == "1" {
            try Data(expected.utf8).write(to: ProfileSchema.file)
            return
        }
        let listed = Set(Self.enumValues(current, "definitions", "ruleId"))
        let ids = Set(RuleCatalogue.shipped.ids)
        #expect(listed.subtracting(ids).isEmpty, "rule ids in the schema but not in the catalogue: \(listed.subtracting(ids).sorted())")
        #expect(ids.subtracting(listed).isEmpty, "catalogue rule ids missing from the schema: \(ids.subtracting(listed).sorted())")
        #expect(text == expected, """
            docs/profile.schema.json is not what the catalogue generates (definitions.ruleId, definitions.ruleValues) \
            or not in canonical form; run: HVHARDEN_UPDATE_GOLDEN=1 swift test --filter ProfileSchemaTests
            """)
    }

    @Test func everySectionHasTheLoadersKeysAndNoOthers() throws {
        let sections = Self.sections(try ProfileSchema.load())
        #expect(Set(sections.keys) == Set(ProfileKeys.allowed.keys), "sections with fixed keys differ between schema and loader")
        for (path, keys) in ProfileKeys.allowed {
            let section = try #require(sections[path], "the schema has no section '\(path)'")
            #expect(Set(section.properties) == Set(keys), "keys of '\(path)': schema \(section.properties.sorted()), loader \(keys.sorted())")
            #expect(Set(section.required) == Set(ProfileKeys.required[path] ?? []), "required keys of '\(path)'")
            #expect(section.closed, "section '\(path)' must set additionalProperties: false, as the loader rejects unknown keys")
        }
    }

    @Test func enumsAreTheSwiftEnums() throws {
        let schema = try ProfileSchema.load()
        let posture = ["properties", "posture", "properties"]
        #expect(Self.enumValues(schema, posture + ["platform"]) == Posture.Platform.allCases.map(\.rawValue))
        #expect(Self.enumValues(schema, posture + ["virtualization"]) == Posture.Virtualization.allCases.map(\.rawValue))
        #expect(Self.enumValues(schema, posture + ["bootIntegrity"]) == Posture.BootIntegrity.allCases.map(\.rawValue))
        #expect(Self.enumValues(schema, posture + ["passthrough", "properties", "mode"]) == PassthroughPolicy.Mode.allCases.map(\.rawValue))
        #expect(Self.value(schema, ["properties", "apiVersion", "const"]) == .string(ProfileReader.apiVersion))
        #expect(Self.value(schema, ["properties", "kind", "const"]) == .string("Profile"))
    }

    @Test func aProfileWithEveryKeyLoadsAndValidates() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("every-key.yaml", Self.everyKey)
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.description))")
        let instance = try ProfileSchema.json(fromYAML: Self.everyKey)
        #expect(try ProfileSchema.violations([instance]) == [[]])
        // The profile really covers every fixed key, so the two checks above cover them all.
        for (section, keys) in ProfileKeys.allowed {
            #expect(Set(Self.keys(of: instance, at: section)) == Set(keys), "the every-key profile misses keys of '\(section)'")
        }
    }

    /// An unknown key in any section is an error for the loader and a violation for the schema.
    @Test(arguments: ProfileKeys.allowed.keys.sorted())
    func anUnknownKeyIsRejectedByBoth(section: String) throws {
        let text = Self.everyKey.replacingOccurrences(of: Self.anchor[section]!, with: Self.anchor[section]! + "\n" + Self.indent[section]! + "bogusKey: 1")
        #expect(text != Self.everyKey)
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        let path = try directory.write("bogus.yaml", text)
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("unknown key 'bogusKey'") }, "\(diagnostics.map(\.description))")
        let violations = try ProfileSchema.violations([try ProfileSchema.json(fromYAML: text)])
        #expect(violations[0].contains { $0.contains("bogusKey") }, "\(violations)")
    }

    @Test func shippedProfilesAndExamplesValidate() throws {
        let files = try Self.profileFiles()
        #expect(files.count >= 3, "expected the shipped profiles and the lab's site profile, found \(files)")
        let violations = try ProfileSchema.violations(try files.map { try ProfileSchema.json(fromYAML: String(contentsOfFile: $0, encoding: .utf8)) })
        for (file, found) in zip(files, violations) {
            #expect(found.isEmpty, "\(file): \(found)")
        }
    }

    /// Invalid fixtures whose mistakes a schema can see (keys, enums, types, ids, required keys).
    @Test func invalidFixturesAreRejected() throws {
        let names = ["bad-devices", "bad-enum", "five-mistakes", "not-a-profile", "passthru-typo", "unknown-rule", "waiver-without-reason"]
        let texts = try names.map { try String(contentsOf: ProfileTestSupport.fixtures.appendingPathComponent("invalid/\($0).yaml"), encoding: .utf8) }
        let violations = try ProfileSchema.violations(try texts.map(ProfileSchema.json(fromYAML:)))
        for (name, found) in zip(names, violations) {
            #expect(!found.isEmpty, "the schema accepts fixture '\(name).yaml'")
        }
    }

    // MARK: - Helpers

    /// Where to insert a key in `everyKey` for each section, and at what indentation.
    static let anchor: [String: String] = [
        "": "kind: Profile", "metadata": "  name: every-key", "posture": "  platform: bare-metal",
        "posture.passthrough": "    mode: pci-vfio", "domains": "  include: [\"*\"]", "rules": "  enable: [domain-cpu-host-model]",
        "waivers[]": "    reason: \"SEC-1: vendor console\"", "attestations[]": "    statement: \"CHG-1: attestation server checks every boot\"",
    ]
    static let indent: [String: String] = [
        "": "", "metadata": "  ", "posture": "  ", "posture.passthrough": "    ", "domains": "  ", "rules": "  ",
        "waivers[]": "    ", "attestations[]": "    ",
    ]

    struct Section {
        var properties: [String]
        var required: [String]
        var closed: Bool
    }

    /// Every object schema with fixed `properties`, by section path (`[]` for list items),
    /// reached from the root without following `$ref` (the generated rule maps are not
    /// sections: their keys are data).
    static func sections(_ schema: JSONValue) -> [String: Section] {
        var found: [String: Section] = [:]
        func visit(_ node: JSONValue, _ path: String) {
            guard case .object(let o) = node else { return }
            if case .object(let properties)? = o["properties"] {
                var required: [String] = []
                if case .array(let r)? = o["required"] { required = r.compactMap { if case .string(let s) = $0 { s } else { nil } } }
                found[path] = Section(properties: Array(properties.keys), required: required, closed: o["additionalProperties"] == .bool(false))
                for (key, child) in properties { visit(child, path.isEmpty ? key : "\(path).\(key)") }
            }
            if let items = o["items"] { visit(items, path + "[]") }
        }
        visit(schema, "")
        return found
    }

    static func value(_ node: JSONValue, _ path: [String]) -> JSONValue? {
        var node = node
        for key in path {
            guard case .object(let o) = node, let next = o[key] else { return nil }
            node = next
        }
        return node
    }

    static func enumValues(_ node: JSONValue, _ path: String...) -> [String] { enumValues(node, path) }

    static func enumValues(_ node: JSONValue, _ path: [String]) -> [String] {
        guard case .array(let values)? = value(node, path + ["enum"]) else { return [] }
        return values.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }

    /// The keys of the mapping at a section path in a profile instance (first item for `[]`).
    static func keys(of instance: JSONValue, at section: String) -> [String] {
        var node = instance
        for part in section.split(separator: ".") where !part.isEmpty {
            let isList = part.hasSuffix("[]")
            guard case .object(let o) = node, let next = o[String(isList ? part.dropLast(2) : part)] else { return [] }
            node = next
            if isList { guard case .array(let items) = node, let first = items.first else { return [] }; node = first }
        }
        guard case .object(let o) = node else { return [] }
        return Array(o.keys)
    }

    /// profiles/*.yaml and every YAML under examples/ that is a profile.
    static func profileFiles() throws -> [String] {
        let root = ProfileSchema.repository
        var files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("profiles").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { root.appendingPathComponent("profiles/\($0)").path }
        let examples = root.appendingPathComponent("examples")
        for case let relative as String in FileManager.default.enumerator(atPath: examples.path) ?? NSEnumerator()
        where relative.hasSuffix(".yaml") {
            let path = examples.appendingPathComponent(relative).path
            if try String(contentsOfFile: path, encoding: .utf8).contains("kind: Profile") { files.append(path) }
        }
        return files
    }
}
