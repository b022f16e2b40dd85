import Foundation

/// Saved plans already applied, by the SHA-256 of the plan file: a plan is applied at most once.
struct AppliedPlans {
    let stateDirectory: String

    private var directory: String { stateDirectory + "/applied" }

    func applyID(for digest: String) throws -> String? {
        guard let data = try TrustedPath.read(directory + "/" + digest) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func record(_ digest: String, applyID: String) throws {
        try StateDirectory.ensure(directory)
        try AtomicFile.write(Data((applyID + "\n").utf8), to: directory + "/" + digest, mode: 0o600)
    }
}
