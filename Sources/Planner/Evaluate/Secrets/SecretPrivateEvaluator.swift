import Compiler

/// Judges a `secret-private` check: one finding per secret that is not private, addressed to the
/// secret, and one per source that could not be read (no verdict is possible there).
struct SecretPrivateEvaluator {
    let rule: Rule

    struct Result {
        var address: Address
        var outcome: Outcome
    }

    func evaluate(_ observed: ObservedSecrets) -> [Result] {
        let problems = observed.problems.map { problem in
            Result(address: .host, outcome: .finding("secrets cannot be judged: \(problem)"))
        }
        let readable = observed.secrets.values.filter { !$0.isPrivate }.sorted { $0.uuid < $1.uuid }.map { secret in
            Result(address: Address(ref: SecretResource.ref(secret.uuid), path: "private"), outcome: .finding(
                "secret \(secret.uuid) (\(secret.usage)) is not private: its value can be read back through the API "
                    + "(seen in \(secret.seenIn.joined(separator: " and ")))"))
        }
        return problems + readable
    }
}
