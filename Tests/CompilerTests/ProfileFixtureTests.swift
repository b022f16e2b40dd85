import Foundation
import Testing
@testable import Compiler
import TestSupport

/// Invalid profiles state their expected diagnostics inline: `# ERROR: <substring>` (or
/// `# WARNING:`) on each offending line (Terraform's error-files). Every marked line must get a
/// diagnostic of that severity containing the substring, and every diagnostic must land on a
/// marked line.
@Suite struct ProfileFixtureTests {
    struct Marker: Hashable, CustomStringConvertible {
        var severity: Diagnostic.Severity
        var text: String
        var description: String { "\(severity.rawValue): \(text)" }
    }

    /// `{line: marker}` for one fixture file.
    static func markers(in path: String) throws -> [Int: Marker] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var markers: [Int: Marker] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for (tag, severity) in [("# ERROR: ", Diagnostic.Severity.error), ("# WARNING: ", .warning)] {
                if let range = line.range(of: tag) {
                    markers[index + 1] = Marker(severity: severity, text: String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces))
                }
            }
        }
        return markers
    }

    static let invalidFixtures: [String] = {
        let directory = ProfileTestSupport.fixtures.appendingPathComponent("invalid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0).path }
    }()

    @Test func everyInvalidFixtureIsMarked() throws {
        #expect(Self.invalidFixtures.count >= 14)
        for path in Self.invalidFixtures {
            #expect(try !Self.markers(in: path).isEmpty, "\(path) has no # ERROR: or # WARNING: marker")
        }
    }

    /// Compiles every fixture and compares diagnostics with markers. Diagnostics are grouped by
    /// the file they point into, over all compilations: an `extends` cycle found while
    /// compiling cycle-a.yaml is reported on cycle-b.yaml's line, and the other way round.
    @Test func diagnosticsMatchTheMarkers() throws {
        var found: [String: [Int: [Diagnostic]]] = [:]
        for path in Self.invalidFixtures {
            let diagnostics = ProfileTestSupport.diagnostics([path])
            #expect(diagnostics.contains { $0.severity == .error }, "\(path) compiled without errors")
            for diagnostic in Set(diagnostics) {
                guard let location = diagnostic.location else {
                    Issue.record("unlocated diagnostic from \(path): \(diagnostic)")
                    continue
                }
                found[location.file, default: [:]][location.line, default: []].append(diagnostic)
            }
        }
        #expect(Set(found.keys).isSubset(of: Set(Self.invalidFixtures)), "diagnostics outside the fixtures: \(found.keys.sorted())")
        for path in Self.invalidFixtures {
            let name = (path as NSString).lastPathComponent
            let markers = try Self.markers(in: path)
            let lines = found[path] ?? [:]
            for (line, marker) in markers.sorted(by: { $0.key < $1.key }) {
                let matching = (lines[line] ?? []).filter { $0.severity == marker.severity && $0.message.contains(marker.text) }
                #expect(!matching.isEmpty, "\(name):\(line): expected \(marker), got \(lines[line]?.map(\.description) ?? [])")
            }
            for (line, diagnostics) in lines {
                for diagnostic in diagnostics {
                    let marker = markers[line]
                    let matches = marker.map { diagnostic.severity == $0.severity && diagnostic.message.contains($0.text) } ?? false
                    #expect(matches, "\(name):\(line): unexpected \(diagnostic)")
                }
            }
        }
    }

    @Test func diagnosticsPrintCompilerStyle() throws {
        let path = ProfileTestSupport.fixtures.appendingPathComponent("invalid/passthru-typo.yaml").path
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(diagnostics.map(\.description)
            == ["\(path):7:3: error: unknown key 'passthru' in 'posture' (did you mean 'passthrough'?)"])
    }

    @Test func fiveMistakesGiveFiveErrors() {
        let path = ProfileTestSupport.fixtures.appendingPathComponent("invalid/five-mistakes.yaml").path
        let diagnostics = ProfileTestSupport.diagnostics([path])
        #expect(diagnostics.count == 5)
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(diagnostics.map { $0.location!.line } == diagnostics.map { $0.location!.line }.sorted())
    }

    /// Every shipped and example profile compiles against the real catalogue without errors.
    @Test func shippedAndExampleProfilesAreValid() throws {
        let root = ProfileTestSupport.repoRoot
        var files: [String] = []
        let profiles = root.appendingPathComponent("profiles")
        for name in try FileManager.default.contentsOfDirectory(atPath: profiles.path) where name.hasSuffix(".yaml") {
            files.append(profiles.appendingPathComponent(name).path)
        }
        if let walker = FileManager.default.enumerator(atPath: root.appendingPathComponent("examples").path) {
            for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                let path = root.appendingPathComponent("examples").appendingPathComponent(relative).path
                let text = try String(contentsOfFile: path, encoding: .utf8)
                if text.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "kind: Profile" }) {
                    files.append(path)
                }
            }
        }
        #expect(files.count >= 2)
        for file in files {
            do {
                let compilation = try Compiler.compile(profiles: [file])
                #expect(compilation.warnings.isEmpty, "\(file): \(compilation.warnings)")
                #expect(!compilation.policy.rules.isEmpty, "\(file) selects no rule")
            } catch {
                Issue.record("\(file) does not compile:\n\(error)")
            }
        }
    }

    /// Shipped profiles are also reachable by name, as `extends` and the command line use them.
    @Test func shippedProfilesCompileByName() throws {
        let names = Bundled.profiles.map { ProfileLoader.shippedName($0.name) }
        #expect(names.contains("nist-800-125a-baseline") && names.contains("nist-800-125a-high"))
        for name in names {
            let compilation = try Compiler.compile(profiles: [name])
            #expect(compilation.policy.sources.last == "profiles/\(name).yaml")
        }
        let high = try Compiler.compile(profiles: ["nist-800-125a-high"])
        #expect(high.policy.sources == ["profiles/nist-800-125a-baseline.yaml", "profiles/nist-800-125a-high.yaml"])
        #expect(high.policy.posture.bootIntegrity == .required)
    }
}
