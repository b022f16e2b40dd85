import Compiler
@testable import Planner
@testable import LiveHost
import TestSupport
import LiveTestSupport
@testable import HostModel
import XMLKit
import Digests

/// What hvharden may edit in a domain definition, and what libvirt fills in by itself.
///
/// libvirt completes every definition it is given: a UUID, MAC addresses, PCI/drive/USB
/// addresses and the default controllers. A plan that proposed to change any of those would
/// never converge (libvirt would fill them in again) and would fight libvirt over values that
/// are its own. Every change must instead edit the path its rule owns: the check's path for
/// `xml-value` and `xml-present` rules, the judged device for evaluators with a fix.
enum LibvirtDefaultsOwnership {
    /// Why `change` touches something libvirt fills in, or nil when it does not.
    static func libvirtFilledValue(in change: Change) -> String? {
        for path in paths(of: change) {
            let steps = Self.steps(path)
            if steps.count >= 2, steps[0] == "domain", steps[1] == "uuid" { return "the domain UUID (\(path))" }
            if steps.contains("mac") { return "a MAC address (\(path))" }
            if steps.contains("address") { return "a device address (\(path))" }
            if steps.contains("controller") { return "a controller (\(path))" }
        }
        return nil
    }

    /// Why `change` edits outside the path its rule owns, or nil when it stays inside.
    static func outsideOwnedPath(_ change: Change, catalogue: RuleCatalogue = .shipped) -> String? {
        guard let rule = catalogue.rule(change.rule) else { return "rule '\(change.rule)' is not in the catalogue" }
        guard let owned = ownedPath(rule) else {
            return "rule '\(rule.id)' proposes domain edits but its owned path is unknown to this test (add its evaluator to ownedByEvaluator)"
        }
        for path in paths(of: change) where !(path == owned || path.hasPrefix(owned + "/") || path.hasPrefix(owned + "[")) {
            return "rule '\(rule.id)' edits '\(path)', outside its path '\(owned)'"
        }
        return nil
    }

    /// Evaluators that propose fixes, and the element each one judges (and may edit).
    static let ownedByEvaluator = [
        "graphics-listen-local": "/domain/devices/graphics",
        "vtpm-emulator-2": "/domain/devices/tpm",
    ]

    static func ownedPath(_ rule: Rule) -> String? {
        switch rule.check {
        case .xmlValue(let c): return c.path
        case .xmlPresent(let c): return c.path
        case .xmlAbsent(let c): return c.select
        case .evaluator(let e): return ownedByEvaluator[e.name]
        default: return nil
        }
    }

    /// The paths a change writes: its displayed path and its edit's path (with the attribute).
    static func paths(of change: Change) -> [String] {
        var paths = change.address.path.map { [$0] } ?? []
        switch change.edit.as(DomainEdit.self) {
        case .setAttribute(let path, let attribute, _)?: paths.append("\(path)/@\(attribute)")
        case .setText(let path, _)?, .create(let path)?: paths.append(path)
        case .remove(let select)?: paths.append(select)
        case nil: break
        }
        return paths
    }

    /// Element and attribute names along a path, without predicates; attributes keep their `@`:
    /// `/domain/devices/graphics[@type='vnc']/listen/@address` gives `domain devices graphics
    /// listen @address`, so the `address` attribute of a listen is not an `<address>` element.
    static func steps(_ path: String) -> [String] {
        var names: [String] = []
        var current = ""
        var depth = 0
        for character in path {
            switch character {
            case "[": depth += 1
            case "]": depth -= 1
            case "/" where depth == 0:
                if !current.isEmpty { names.append(current) }
                current = ""
            default: if depth == 0 { current.append(character) }
            }
        }
        if !current.isEmpty { names.append(current) }
        return names
    }
}
