/// What the catalogue loader checks on a decoded rule beyond its YAML shape.
extension Rule {
    /// One sentence per problem; empty when the rule is consistent.
    var catalogueProblems: [String] {
        var out = preconditions.flatMap { $0.problems(in: self) }
        if case .parameter(let name)? = fix?.value, name.hasPrefix("host."), HostValue(rawValue: name) == nil {
            out.append("unknown host value '$\(name)'; known: " + HostValue.allCases.map { "$" + $0.rawValue }.joined(separator: ", "))
        }
        if suggestion != nil && fix != nil { out.append("a rule with a suggestion has no automatic fix") }
        if suggestion != nil && target != .hostFile { out.append("a suggestion is computed for host-file rules only") }
        if case .kernelCmdline(let c) = check {
            for token in c.alternatives.keys.sorted() where !c.require.contains(token) {
                out.append("alternatives name '\(token)', which the check does not require")
            }
        }
        if case .pathMetadata(let c) = check {
            out += c.problems
            if target != .hostPath { out.append("a path-metadata check needs target host-path") }
            if c.absent == true && fix != nil { out.append("a check that paths are absent has no fix") }
        } else if case .systemdSocket(let c) = check {
            out += c.problems
            if target != .hostUnit { out.append("a systemd-socket check needs target host-unit") }
            if fix != nil && c.maxSocketMode == nil { out.append("only a maxSocketMode requirement has a fix") }
        } else if case .secretPrivate = check {
            if target != .libvirtSecret { out.append("a secret-private check needs target libvirt-secret") }
            if fix != nil { out.append("a secret-private check has no fix: libvirt cannot make a defined secret private") }
        } else if target == .libvirtSecret {
            out.append("a libvirt-secret rule uses a secret-private check")
        } else if target == .hostUnit {
            out.append("a host-unit rule uses a systemd-socket check")
        } else if target == .hostPath {
            out.append("a host-path rule uses a path-metadata check")
        }
        return out
    }
}
