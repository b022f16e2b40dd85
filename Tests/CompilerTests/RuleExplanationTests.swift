import Testing
@testable import Compiler
import TestSupport

/// `hvharden explain`'s renderer: every shipped rule explains itself completely, and the
/// check, fix and lookup texts say what the catalogue data says.
@Suite struct RuleExplanationTests {
    @Test("explain renders every shipped rule", arguments: RuleCatalogue.shipped.ids)
    func everyShippedRule(id: String) throws {
        let rule = try #require(RuleCatalogue.shipped.rule(id))
        let text = RuleExplanation.text(rule)
        let prose = Self.words(text)
        #expect(text.hasPrefix("\(rule.id): \(rule.title)\n"))
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
        #expect(text.contains("  Severity      \(rule.severity.rawValue)\n"))
        #expect(text.contains("  Target        \(rule.target.rawValue): "))
        // Prose is rewrapped, so compare it word for word.
        #expect(prose.contains(Self.words(rule.rationale)), "the rationale of '\(id)' is missing")
        #expect(prose.contains(Self.words(rule.guidance)), "the guidance of '\(id)' is missing")
        #expect(text.contains("\nCheck (\(rule.check.kind))\n"))
        #expect(text.contains("(\(rule.effect.rawValue)).\n"))
        for reference in [rule.references.function, rule.references.topic] + rule.references.sp80053 + rule.references.srg + rule.references.ipd {
            #expect(text.contains(reference), "reference '\(reference)' of '\(id)' is missing")
        }
        if let hySR = rule.references.hySR { #expect(text.contains(" \(hySR)\n")) }
        for parameter in rule.parameters {
            #expect(text.contains("  \(parameter.name) (\(parameter.type.rawValue), default \(parameter.default))\n"))
            #expect(prose.contains(Self.words(parameter.description)))
        }
        // At least one example, and every example's XML or file text verbatim.
        #expect(!rule.examples.compliant.isEmpty || !rule.examples.noncompliant.isEmpty)
        let all = [("Compliant", rule.examples.compliant), ("Noncompliant", rule.examples.noncompliant)]
        for (kind, examples) in all {
            for (index, example) in examples.enumerated() {
                #expect(text.contains("\(kind) example \(index + 1) of \(examples.count)"))
                for verbatim in [example.xml, example.file].compactMap({ $0 }) {
                    #expect(text.contains("\n" + verbatim), "an example of '\(id)' is not verbatim")
                }
            }
        }
    }

    @Test func unknownRuleSuggestsTheClosestID() {
        #expect(throws: RuleExplanation.UnknownRule(id: "domain-uefi-firmwar", suggestion: "domain-uefi-firmware")) {
            try RuleExplanation.rule("domain-uefi-firmwar")
        }
        let error = RuleExplanation.UnknownRule(id: "domain-uefi-firmwar", suggestion: "domain-uefi-firmware")
        #expect(error.description == "unknown rule 'domain-uefi-firmwar' (did you mean 'domain-uefi-firmware'?)")
    }

    @Test func unknownRuleWithNothingCloseSaysWhereToLook() throws {
        do {
            _ = try RuleExplanation.rule("zzzz")
            Issue.record("'zzzz' was found")
        } catch {
            #expect(error.suggestion == nil)
            #expect(error.description == "unknown rule 'zzzz'; 'hvharden rules --all' lists every rule")
        }
    }

    @Test func aTruncatedIDSuggestsACompletion() {
        let ids = ["domain-smm-on", "domain-sound-devices-none"]
        // Edit distance alone picks 'domain-smm-on', five edits away against thirteen.
        #expect(Spelling.closest(to: "domain-sound", in: ids) == "domain-smm-on")
        #expect(RuleExplanation.suggestion(for: "domain-sound", in: ids) == "domain-sound-devices-none")
        #expect(RuleExplanation.suggestion(for: "domain-smm-of", in: ids) == "domain-smm-on")
    }

    @Test func xmlValueCheckNamesTheAttributeParameterDefaultAndMissingMeaning() {
        let rule = Self.rule(
            check: .xmlValue(XMLValueCheck(path: "/domain/devices/video/model", attribute: "type",
                                           allowed: .parameter("models"), default: "cirrus", missing: .notApplicable)),
            parameters: [Parameter(name: "models", type: .list, default: .list(["virtio", "none"]), description: "Allowed models.")],
            fix: Fix(action: .set, value: .literal(.string("virtio"))))
        let check = RuleExplanation.describeCheck(rule)
        #expect(check.contains("The attribute 'type' of /domain/devices/video/model must be one of the values of the parameter 'models' (default ['virtio', 'none'])."))
        #expect(check.contains("libvirt uses 'cirrus'"))
        #expect(check.contains("does not apply to a domain without the element"))
        #expect(RuleExplanation.describeFix(rule) == "Sets the attribute 'type' of /domain/devices/video/model to 'virtio', creating the element if it is missing.")
    }

    @Test func configChecksNameTheFileKeyLimitsAndDefault() {
        let value = Self.rule(check: .configValue(ConfigValueCheck(
            file: .libvirtdConf, key: "max_clients", default: nil, min: .literal(.int(1)), max: .literal(.int(20)))))
        let text = RuleExplanation.describeCheck(value)
        #expect(text.contains("In the file of each libvirt daemon that serves (/etc/libvirt/libvirtd.conf, or virtqemud.conf "
            + "and, for the listener keys, virtproxyd.conf where the modular daemons' units are enabled; libvirt uses the first "
            + "definition of a key set twice), the key max_clients must be at least 1 and must be at most 20."))
        #expect(text.contains("When the key is absent it is unset"))

        let list = Self.rule(check: .configList(ConfigListCheck(
            file: .sysctl, key: "x", default: ["a"], subsetOf: .literal(.list(["a", "b"])))))
        let listText = RuleExplanation.describeCheck(list)
        #expect(listText.contains("as systemd-sysctl applies them"))
        #expect(listText.contains("/usr/lib and /lib sysctl.d") && listText.contains("then /etc/sysctl.conf"))
        #expect(listText.contains("the last assignment wins"))
        #expect(!listText.contains("last definition wins"))
        #expect(listText.contains("the list x may hold only ['a', 'b']."))
        #expect(listText.contains("the daemon uses ['a']."))

        let option = Self.rule(
            check: .configValue(ConfigValueCheck(file: .modprobe, key: "options[. = \"kvm_intel\"]/nested", default: "1", allowed: .literal(.list(["0"])))),
            fix: Fix(action: .set, value: .literal(.string("0"))))
        #expect(RuleExplanation.describeCheck(option).contains("with '-' and '_' alike; the last value wins, and the kernel command line comes last"))
        #expect(RuleExplanation.describeFix(option).contains("or else in /etc/modprobe.d/hvharden.conf when that file would decide it"))
        #expect(RuleExplanation.describeFix(option).contains("read after it is reported, not edited"))
    }

    @Test func kernelCmdlineManualAndFixlessRulesSayWhatHappens() {
        let cmdline = Self.rule(check: .kernelCmdline(KernelCmdlineCheck(require: ["intel_iommu=on"], forbid: ["iommu=off"], cpuVendor: "intel")),
                                fix: Fix(action: .append))
        let text = RuleExplanation.describeCheck(cmdline)
        #expect(text.contains("must carry intel_iommu=on and must not carry iommu=off."))
        #expect(text.contains("only on hosts with intel CPUs"))
        #expect(RuleExplanation.describeFix(cmdline).contains("GRUB_CMDLINE_LINUX"))

        let manual = Self.rule(check: .manual)
        #expect(RuleExplanation.describeCheck(manual).contains("until a profile attests the step"))
        #expect(RuleExplanation.describeFix(manual).hasPrefix("No automatic fix"))
    }

    @Test func appliesWhenListsEachConstrainedPostureField() {
        #expect(RuleExplanation.describe(PostureCondition()) == "always (any posture)")
        #expect(RuleExplanation.describe(PostureCondition(platform: [.hosted], passthrough: [.pciVFIO, .sriovVFOnly]))
            == "posture platform is hosted, and passthrough mode is pci-vfio or sriov-vf-only")
    }

    @Test func proseIsWrappedAt80ColumnsWithoutLosingWords() {
        let text = String(repeating: "lorem ipsum dolor sit amet ", count: 20) + "\nsecond paragraph"
        let lines = RuleExplanation.paragraphs(text, indent: 4)
        #expect(lines.allSatisfy { $0.count <= 80 && $0.hasPrefix("    ") })
        #expect(lines.count > 2)
        #expect(lines.last == "    second paragraph")
        #expect(Self.words(lines.joined(separator: " ")) == Self.words(text))
    }

    @Test func factExamplesAreShownAsJSONAndAttestationsInWords() throws {
        let facts = try #require(RuleCatalogue.shipped.rules.first { $0.examples.compliant.contains { $0.facts != nil } })
        #expect(RuleExplanation.text(facts).contains("Host facts (over an empty facts document):\n{"))
        let manual = try #require(RuleCatalogue.shipped.rules.first { $0.check == .manual })
        #expect(RuleExplanation.text(manual).contains("The profile attests the step."))
    }

    /// Words separated by single spaces, so wrapped and unwrapped prose compare equal.
    static func words(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func rule(check: Check, parameters: [Parameter] = [], fix: Fix? = nil) -> Rule {
        Rule(id: "test-rule", title: "Test", severity: .medium, rationale: "Why.", references: References(function: "HY-BF2", topic: "B2-1"),
             target: .domain, check: check, fix: fix, effect: .none, guidance: "Do it.", parameters: parameters,
             examples: RuleExamples(compliant: [], noncompliant: []))
    }
}
