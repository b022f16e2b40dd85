import Compiler

/// Judges a `path-metadata` check on the paths the reader found, one outcome per path.
///
/// A fix only takes permission bits away (mode & maxMode) and, where the rule allows it, makes
/// its first owner the owner; it never widens access. A path with a problem the fix does not
/// cover (a group, an owner the rule does not set) is a finding naming every problem, and is
/// left as it is: half a fix would hide the rest of the problem.
struct PathMetadataEvaluator {
    let rule: Rule
    let check: PathMetadataCheck

    /// The outcome for every matched path that is noncompliant, in path order.
    func evaluate(_ observed: ObservedPaths) -> [(path: String, outcome: Outcome)] {
        var seen: Set<String> = []
        var paths: [ObservedPath] = []
        for pattern in check.paths {
            for path in observed.matches[pattern] ?? [] where seen.insert(path.hostPath).inserted { paths.append(path) }
        }
        return paths.sorted { $0.hostPath < $1.hostPath }.compactMap { path in
            let outcome = evaluate(path, userIDs: observed.userIDs)
            return outcome.isNoncompliant ? (path.hostPath, outcome) : nil
        }
    }

    func evaluate(_ path: ObservedPath, userIDs: [String: UInt32]) -> Outcome {
        let what = path.target.map { "leads to \($0), which" } ?? "is a \(path.type.rawValue) and"
        if check.absent == true { return .finding("\(path.hostPath) \(what) exists") }
        var problems: [String] = []
        var changes: [ProposedChange] = []
        var unfixed: [String] = []
        if let max = check.maxModeBits, path.mode & ~max != 0 {
            let problem = "mode \(octalMode(path.mode)) has \(octalMode(path.mode & ~max)) beyond \(octalMode(max))"
            problems.append(problem)
            changes.append(ProposedChange(
                path: "mode", action: .update, before: octalMode(path.mode), after: octalMode(path.mode & max),
                edit: PathEdit.setMode(mode: octalMode(path.mode & max)), problem: "\(path.hostPath): \(problem)"))
        }
        if let owners = check.owners, !owners.contains(path.user ?? "\u{0}") {
            let problem = "owner \(path.ownerText) is not \(owners.joined(separator: " or "))"
            problems.append(problem)
            if check.fixOwner == true, let owner = owners.first, let uid = userIDs[owner] {
                changes.append(ProposedChange(
                    path: "owner", action: .update, before: path.ownerText, after: owner,
                    edit: PathEdit.setOwner(user: owner, uid: uid), problem: "\(path.hostPath): \(problem)"))
            } else {
                unfixed.append(problem)
            }
        }
        if let groups = check.groups, !groups.contains(path.group ?? "\u{0}") {
            let problem = "group \(path.groupText) is not \(groups.joined(separator: " or "))"
            problems.append(problem)
            unfixed.append(problem)
        }
        guard !problems.isEmpty else { return .compliant }
        let text = path.hostPath + (path.target.map { " (a link to \($0))" } ?? "") + ": " + problems.joined(separator: "; ")
        guard rule.fix != nil, unfixed.isEmpty else {
            let left = rule.fix != nil && unfixed.count < problems.count
                ? "; hvharden changes nothing here because it cannot fix \(unfixed.joined(separator: " and ")) itself" : ""
            return .finding(text + left)
        }
        return .changes(changes)
    }
}
