import Foundation
import Host
import Planner

/// Compares a plan's basis with the live host: every domain definition, every file and every
/// stable host fact must be as they were when the plan was made (Terraform: "Saved plan is
/// stale"). Nothing is written when one differs.
struct StalenessCheck {
    let plan: Plan
    let store: DomainStore

    func verify() throws {
        var reasons: [String] = []
        for (name, hash) in plan.basis.domains.sorted(by: { $0.key < $1.key }) {
            do {
                let (_, xml) = try store.persistentXML(name: name)
                if FileHash.of(Data(xml.utf8)) != hash { reasons.append("domain '\(name)' changed since the plan was made") }
            } catch let error as LibvirtError where error.codeName == "VIR_ERR_NO_DOMAIN" {
                reasons.append("domain '\(name)' no longer exists")
            }
        }
        let paths = HostPaths(root: plan.root)
        for (file, hash) in plan.basis.files.sorted(by: { $0.key < $1.key }) where paths.fingerprint(file) != hash {
            reasons.append("file \(file) changed since the plan was made")
        }
        if !plan.basis.facts.isEmpty {
            let now = FactFingerprint.flatten(HostFactsReader(root: plan.root).read())
            let changed = plan.basis.facts.keys.filter { now[$0] != plan.basis.facts[$0] }.sorted()
            if !changed.isEmpty { reasons.append("host facts changed: \(changed.joined(separator: ", "))") }
        }
        if !reasons.isEmpty { throw ApplyError.stale(reasons) }
    }
}

/// Saved plans already applied, by the SHA-256 of the plan file: a plan is applied at most once.
struct AppliedPlans {
    let stateDirectory: String

    private var directory: String { stateDirectory + "/applied" }

    func applyID(for digest: String) -> String? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + digest) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func record(_ digest: String, applyID: String) throws {
        try StateDirectory.ensure(directory)
        try AtomicFile.write(Data((applyID + "\n").utf8), to: directory + "/" + digest, mode: 0o600)
    }
}
