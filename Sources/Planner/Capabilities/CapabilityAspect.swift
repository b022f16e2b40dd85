import Foundation
import XMLKit

/// A part of a domain definition whose support libvirt's domain capabilities decide, how to
/// tell whether a fix changed it, and what in it the capabilities do not support.
enum CapabilityAspect: String, CaseIterable, Sendable {
    case virtType = "virt type"
    case cpu = "CPU"
    case firmware
    case tpm = "TPM"
    case video
    case rng = "RNG"
    case graphics
    case features

    /// What of the aspect a document holds, as text; a fix changed the aspect when this differs.
    func projection(_ document: XMLDocument) -> String {
        let xpaths: [String]
        switch self {
        case .virtType: return CapabilityKey(document: document).description
        case .cpu: xpaths = ["/domain/cpu/@mode", "/domain/cpu/model", "/domain/cpu/model/@fallback",
                             "/domain/cpu/feature/@name", "/domain/cpu/feature/@policy"]
        case .firmware: xpaths = ["/domain/os/@firmware", "/domain/os/loader/@type", "/domain/os/loader/@readonly",
                                  "/domain/os/loader/@secure", "/domain/os/firmware/feature/@name", "/domain/os/firmware/feature/@enabled"]
        case .tpm: xpaths = ["/domain/devices/tpm/@model", "/domain/devices/tpm/backend/@type"]
        case .video: xpaths = ["/domain/devices/video/model/@type"]
        case .rng: xpaths = ["/domain/devices/rng/@model", "/domain/devices/rng/backend/@model"]
        case .graphics: xpaths = ["/domain/devices/graphics/@type"]
        case .features: xpaths = Self.listedFeatures.map { "/domain/features/\($0)/@state" }
        }
        var parts = xpaths.map { (try? document.strings($0))?.joined(separator: ",") ?? "" }
        if self == .features {
            parts.append(((try? document.select("/domain/features/*")) ?? []).map(\.name).filter(Self.listedFeatures.contains).joined(separator: ","))
        }
        return parts.joined(separator: "|")
    }

    /// The elements this aspect's projection reads below, as location steps from the root.
    var roots: [[String]] {
        switch self {
        case .virtType: return [["domain"]]
        case .cpu: return [["domain", "cpu"]]
        case .firmware: return [["domain", "os"]]
        case .tpm: return [["domain", "devices", "tpm"]]
        case .video: return [["domain", "devices", "video"]]
        case .rng: return [["domain", "devices", "rng"]]
        case .graphics: return [["domain", "devices", "graphics"]]
        case .features: return [["domain", "features"]]
        }
    }

    /// The aspects besides the virt type whose projection `edits` can change: those reading
    /// below or above the element an edit addresses. An edit whose path is not a plain chain of
    /// element names from the root (a wildcard, `//`, an axis) may change any of them.
    static func touched(by edits: [DomainEdit]) -> [CapabilityAspect] {
        let paths = edits.map { edit -> String in
            switch edit {
            case .setAttribute(let path, _, _), .setText(let path, _), .create(let path): return path
            case .remove(let select): return select
            }
        }
        let steps = paths.map(Self.steps)
        return allCases.filter { aspect in
            aspect != .virtType && steps.contains { path in
                guard let path else { return true }
                return aspect.roots.contains { root in path.starts(with: root) || root.starts(with: path) }
            }
        }
    }

    /// `/domain/devices/graphics[@type='vnc']/@listen` as `["domain", "devices", "graphics"]`
    /// (predicates and a final attribute step dropped); nil for anything else.
    static func steps(_ path: String) -> [String]? {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return nil }
        var steps: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in path.dropFirst() {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'" where depth > 0, "\"" where depth > 0: quote = character
            case "[": depth += 1
            case "]": depth -= 1
            case "/" where depth == 0:
                steps.append(current)
                current = ""
            default:
                if depth == 0 { current.append(character) }
            }
        }
        steps.append(current)
        if steps.last?.hasPrefix("@") == true { steps.removeLast() }
        let plain = steps.allSatisfy { step in
            !step.isEmpty && step.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." } && step != "." && step != ".."
        }
        return plain && !steps.isEmpty ? steps : nil
    }

    /// The `<features>` children libvirt's domain capabilities can describe; others (`vmport`,
    /// `smm`, `acpi`, ...) they say nothing about, so a fix of those is not theirs to judge.
    static let listedFeatures = ["gic", "vmcoreinfo", "genid", "backingStoreInput", "backup", "s390-pv", "sev", "sgx", "hyperv"]

    /// What in `document` the capabilities do not support, one line each.
    /// `nestedHost`: the host is itself a virtual machine, whose KVM cannot be trusted to set
    /// every CPU feature the outer hypervisor advertises.
    func problems(_ document: XMLDocument, _ caps: DomainCapabilities, nestedHost: Bool) -> [String] {
        let under = "under \(caps.virtType)"
        func strings(_ xpath: String) -> [String] { (try? document.strings(xpath)) ?? [] }
        func elements(_ xpath: String) -> [XMLElement] { (try? document.select(xpath)) ?? [] }
        func check(_ device: String, _ name: String, _ values: [String], what: String) -> [String] {
            guard let element = caps.devices[device] else { return [] }
            return values.filter { !element.allows(name, $0) }.map { "\(what) '\($0)' is not supported \(under)" }
        }
        switch self {
        case .virtType:
            return []
        case .cpu:
            guard let cpu = elements("/domain/cpu").first else { return [] }
            let mode = cpu.attribute("mode") ?? (cpu.children(named: "model").isEmpty ? nil : "custom")
            guard let mode else { return [] }
            var out: [String] = []
            if caps.cpuModes[mode] != true { out.append("CPU mode '\(mode)' is not supported \(under)") }
            // On a nested host, KVM advertises features of the outer hypervisor's virtual CPU
            // that it cannot always set (QEMU then aborts at start, "failed to set MSR"): a CPU
            // expanded from the host cannot be shown to start.
            if nestedHost, caps.virtType == "kvm", ["host-model", "maximum", "host-passthrough"].contains(mode) {
                out.append("CPU mode '\(mode)' \(under) on a host that is itself a virtual machine: its CPU features cannot be shown to be settable")
            }
            let required = cpu.children(named: "feature").filter { ["require", "force"].contains($0.attribute("policy") ?? "require") }
                .compactMap { $0.attribute("name") }
            if mode == "host-model", let host = caps.hostModel {
                for feature in required where !host.required.contains(feature) {
                    out.append("CPU feature '\(feature)' the guest requires is not provided by host-model \(under)")
                }
            }
            if mode == "custom", let model = cpu.children(named: "model").first, model.attribute("fallback") != "allow",
               caps.cpuModels[model.text] != true {
                out.append("CPU model '\(model.text)' is not usable \(under)")
            }
            return out
        case .firmware:
            var out: [String] = []
            if let os = caps.os {
                out += strings("/domain/os/@firmware").filter { !os.allows("firmware", $0) }
                    .map { "firmware '\($0)' cannot be selected automatically \(under)" }
            }
            if let loader = caps.loader {
                for (attribute, name) in [("type", "type"), ("readonly", "readonly"), ("secure", "secure")] {
                    out += strings("/domain/os/loader/@\(attribute)").filter { !loader.allows(name, $0) }
                        .map { "loader \(attribute)='\($0)' is not supported \(under)" }
                }
                if !strings("/domain/os/firmware/feature[@name='secure-boot'][@enabled='yes']/@name").isEmpty, !loader.allows("secure", "yes") {
                    out.append("Secure Boot firmware is not available \(under)")
                }
            }
            return out
        case .tpm:
            return check("tpm", "model", strings("/domain/devices/tpm/@model"), what: "TPM model")
                + check("tpm", "backendModel", strings("/domain/devices/tpm/backend/@type"), what: "TPM backend")
        case .video:
            return check("video", "modelType", strings("/domain/devices/video/model/@type"), what: "video model")
        case .rng:
            return check("rng", "model", strings("/domain/devices/rng/@model"), what: "RNG model")
                + check("rng", "backendModel", strings("/domain/devices/rng/backend/@model"), what: "RNG backend")
        case .graphics:
            return check("graphics", "type", strings("/domain/devices/graphics/@type"), what: "graphics type")
        case .features:
            return elements("/domain/features/*").filter { $0.attribute("state") != "off" }.compactMap { feature in
                guard let known = caps.features[feature.name], !known.supported else { return nil }
                return "feature '\(feature.name)' is not supported \(under)"
            }
        }
    }
}
