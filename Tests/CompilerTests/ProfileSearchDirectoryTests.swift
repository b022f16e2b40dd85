import Foundation
import Testing
@testable import Compiler
import TestSupport

/// A profile named without a path is looked for in the installed profile directories
/// (`/usr/share/hvharden/profiles` in the Debian package) after a file of that name in the
/// working directory and the profiles built into the binary.
@Suite struct ProfileSearchDirectoryTests {
    func compile(_ profiles: [String], directories: [String]) throws(DiagnosticsError) -> Compilation {
        try Compiler.compile(profiles: profiles, catalogue: ProfileTestSupport.catalogue, today: ProfileTestSupport.today,
                             shipped: Bundled.profiles, directories: directories)
    }

    @Test func thePackagesDirectoryIsSearched() {
        #expect(ProfileLoader.installedDirectories == ["/usr/share/hvharden/profiles"])
    }

    @Test func aNameIsFoundInAnInstalledDirectory() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        try directory.write("site-web.yaml", profileHeader("site-web") + """
            extends: [nist-800-125a-baseline]
            domains: {include: ["web-*"]}
            """)
        for argument in ["site-web", "site-web.yaml"] {
            let policy = try compile([argument], directories: ["/nonexistent-hvh-dir", directory.url.path]).policy
            #expect(policy.domains.include == ["web-*"])
            #expect(policy.sources.contains { $0.hasSuffix("site-web.yaml") }, "\(policy.sources)")
        }
        // Without the directory the name is a missing file.
        let diagnostics: [Diagnostic]
        do { diagnostics = try compile(["site-web"], directories: []).warnings } catch { diagnostics = error.diagnostics }
        #expect(diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
    }

    @Test func anExtendsEntryFindsAnInstalledProfile() throws {
        let installed = try ProfileDirectory()
        let work = try ProfileDirectory()
        defer { installed.remove(); work.remove() }
        try installed.write("fleet-base.yaml", profileHeader("fleet-base") + """
            extends: [nist-800-125a-baseline]
            domains: {exclude: ["template-*"]}
            """)
        let site = try work.write("site.yaml", profileHeader("site") + "extends: [fleet-base]\n")
        let policy = try compile([site], directories: [installed.url.path]).policy
        #expect(policy.domains.exclude == ["template-*"])
    }

    @Test func builtInProfilesAndWorkingDirectoryFilesWin() throws {
        let directory = try ProfileDirectory()
        defer { directory.remove() }
        // A different text under a shipped name: the built-in profile is the one used.
        try directory.write("nist-800-125a-baseline.yaml", profileHeader("impostor") + "domains: {include: [\"x-*\"]}\n")
        let fromDirectory = try compile(["nist-800-125a-baseline"], directories: [directory.url.path]).policy
        let builtIn = try compile(["nist-800-125a-baseline"], directories: []).policy
        #expect(fromDirectory == builtIn)
        // A path is never looked up in the directories.
        try directory.write("only-here.yaml", profileHeader("only-here"))
        #expect(throws: DiagnosticsError.self) {
            try compile(["./only-here"], directories: [directory.url.path])
        }
    }
}
