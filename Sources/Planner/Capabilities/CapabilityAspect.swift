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
        if self == .virtType { return CapabilityKey(document: document).description }
        var parts = xpaths.map { (try? document.strings($0))?.joined(separator: ",") ?? "" }
        if self == .features {
            parts.append(((try? document.select("/domain/features/*")) ?? []).map(\.name).filter(Self.listedFeatures.contains).joined(separator: ","))
        }
        return parts.joined(separator: "|")
    }

    /// The XPaths whose values make up the projection (besides the virt type's key and the
    /// names of the listed features).
    var xpaths: [String] {
        switch self {
        case .virtType: return []
        case .cpu: return ["/domain/cpu/@mode", "/domain/cpu/model", "/domain/cpu/model/@fallback",
                           "/domain/cpu/feature/@name", "/domain/cpu/feature/@policy"]
        case .firmware: return ["/domain/os/@firmware", "/domain/os/loader/@type", "/domain/os/loader/@readonly",
                                "/domain/os/loader/@secure", "/domain/os/firmware/feature/@name", "/domain/os/firmware/feature/@enabled"]
        case .tpm: return ["/domain/devices/tpm/@model", "/domain/devices/tpm/backend/@type"]
        case .video: return ["/domain/devices/video/model/@type"]
        case .rng: return ["/domain/devices/rng/@model", "/domain/devices/rng/backend/@model"]
        case .graphics: return ["/domain/devices/graphics/@type"]
        case .features: return Self.listedFeatures.map { "/domain/features/\($0)/@state" }
        }
    }

    /// Everything the projection reads: an edit that reaches none of it leaves the aspect as
    /// it was (`CapabilityReach`).
    var reads: [CapabilityRead] { Self.readsOfEach[self] ?? [] }

    /// `reads`, worked out from the XPaths once.
    private static let readsOfEach: [CapabilityAspect: [CapabilityRead]] = Dictionary(uniqueKeysWithValues: allCases.map { aspect in
        switch aspect {
        case .virtType: return (aspect, CapabilityKey.reads)
        case .features: return (aspect, (aspect.xpaths + listedFeatures.map { "/domain/features/\($0)" }).compactMap(CapabilityRead.init))
        default: return (aspect, aspect.xpaths.compactMap(CapabilityRead.init))
        }
    })

    /// The aspects `reach` can change (the virt type standing for the key); all of them when
    /// the reach is unknown.
    static func reached(by reach: CapabilityReach?) -> [CapabilityAspect] {
        guard let reach else { return allCases }
        return allCases.filter { reach.reaches($0.reads) }
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
