import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Saved plans already applied, by the SHA-256 of the plan file (which holds the basis the plan
/// was made from) and the apply that applied it: a plan is applied at most once from its basis.
/// Rolling that apply back returns the host to the basis and forgets the record, so the same
/// plan may be applied again (once).
struct AppliedPlans {
    let stateDirectory: String

    private var directory: String { stateDirectory + "/applied" }

    func applyID(for digest: String) throws -> String? {
        guard let data = try TrustedPath.read(directory + "/" + digest) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Forgets that `digest` was applied, if the apply that did it was `applyID`.
    func forget(_ digest: String, appliedBy applyID: String) throws {
        guard try self.applyID(for: digest) == applyID else { return }
        if unlink(directory + "/" + digest) != 0 && errno != ENOENT {
            throw ApplyError.io("cannot remove the applied-plan record '\(directory)/\(digest)'", errno)
        }
    }

    func record(_ digest: String, applyID: String) throws {
        try StateDirectory.ensure(directory)
        try AtomicFile.write(Data((applyID + "\n").utf8), to: directory + "/" + digest, mode: 0o600)
    }
}
