import Compiler

/// PI-1 (guest side): the domain has a virtual TPM 2.0 backed by the swtpm emulator, the
/// virtual interface through which measured boot extends into the guest.
///
/// A domain without any TPM gets one (`tpm` of the first allowed model, emulator backend,
/// version 2.0): adding a device the guest has never had destroys nothing, and it takes effect at
/// the next boot (when the rule has a `fix`). A domain whose TPM is of another kind (version 1.2, a host passthrough TPM, a
/// model not allowed) is a finding: replacing a TPM loses the keys sealed to it.
///
/// Absent attributes take libvirt's defaults: model `tpm-tis` on x86, and version 2.0 for
/// `tpm-crb` (which only exists for TPM 2.0), 1.2 otherwise.
struct VTPMEvaluator: DomainEvaluator {
    static let name = "vtpm-emulator-2"

    func evaluate(_ rule: Rule, _ context: DomainContext) throws -> Outcome {
        let models = context.value("allowedModels", of: rule)?.listText ?? []
        let tpms = try context.document.select("/domain/devices/tpm")
        guard !tpms.isEmpty else {
            let problem = "the domain has no TPM"
            guard rule.fix != nil, let model = models.first else { return .finding(problem) }
            let path = "/domain/devices/tpm[@model='\(model)']/backend[@type='emulator'][@version='2.0']"
            return .changes([ProposedChange(
                path: "/domain/devices/tpm", action: .add, before: Redaction.absent,
                after: "model '\(model)', emulator backend, TPM 2.0", edit: DomainEdit.create(path: path), problem: problem)])
        }
        var problems: [String] = []
        for tpm in tpms {
            let model = tpm.attribute("model") ?? "tpm-tis"
            let backend = tpm.children(named: "backend").first
            let type = backend?.attribute("type") ?? "(none)"
            let version = backend?.attribute("version") ?? (model == "tpm-crb" ? "2.0" : "1.2")
            if models.contains(model), type == "emulator", version == "2.0" { return .compliant }
            problems.append("TPM at \(tpm.path) is model '\(model)' with backend '\(type)' version '\(version)'")
        }
        let wanted = models.map { "'\($0)'" }.joined(separator: " or ")
        return .finding(problems.joined(separator: "; ") + "; expected model \(wanted) with an emulator backend, version '2.0'")
    }
}
