import Compiler
import Foundation
import HostModel
import Planner
import TestSupport

/// Policies and domains for the Planner's unit tests, built from the shipped catalogue.
enum PlannerFakes {
    /// A policy of the named shipped rules, every domain selected.
    static func policy(_ ids: [String], posture: Posture = Posture()) throws -> Policy {
        let rules = try ids.map { id -> SelectedRule in
            guard let rule = RuleCatalogue.shipped.rule(id) else { throw InMemoryError("no rule '\(id)'") }
            return SelectedRule(rule: rule)
        }
        return Policy(posture: posture, domains: DomainSelector(), rules: rules)
    }

    /// A small KVM guest; `devices` goes inside `<devices>`, `extra` after it.
    static func domain(_ name: String, devices: String = "", extra: String = "") -> String {
        """
        <domain type='kvm'>
          <name>\(name)</name>
          <memory unit='KiB'>1048576</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64' machine='q35'>hvm</type></os>
          <on_crash>coredump-destroy</on_crash>
          <devices>\(devices)</devices>\(extra)
        </domain>
        """
    }

    static let crashRule = "domain-on-crash-no-dump"
    static let kptrRule = "sysctl-kptr-restrict"
    static let sysctlFile = ConfigFile.sysctl.writablePath
}
