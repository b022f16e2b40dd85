/// The closed set of check primitives a rule can use (docs/architecture.md, "Rules"). In YAML a check is
/// a mapping with a `kind` and the fields of that kind; the Planner implements each kind.
public enum Check: Hashable, Sendable {
    /// An attribute or the text of an element in the domain XML must have an allowed value.
    case xmlValue(XMLValueCheck)
    /// An element must exist in the domain XML (created by the fix).
    case xmlPresent(XMLPresentCheck)
    /// No node may match an XPath in the domain XML (removed by the fix, if the rule has one).
    case xmlAbsent(XMLAbsentCheck)
    /// At most N nodes may match an XPath.
    case xmlCount(XMLCountCheck)
    /// Every node matching an XPath must satisfy a relative XPath condition.
    case xmlEvery(XMLEveryCheck)
    /// A Swift evaluator for what XPath cannot say (passthrough, graphics, overcommit).
    case evaluator(EvaluatorCheck)
    /// A key of a host config file must have an allowed value; absent means the documented default.
    case configValue(ConfigValueCheck)
    /// An array key of a host config file must hold an allowed list.
    case configList(ConfigListCheck)
    /// The kernel command line in /etc/default/grub must carry or lack tokens.
    case kernelCmdline(KernelCmdlineCheck)
    /// libvirt's systemd socket units must be off, private or unix-only.
    case systemdSocket(SystemdSocketCheck)
    /// Host paths must have at most a mode and belong to allowed users and groups.
    case pathMetadata(PathMetadataCheck)
    /// Every libvirt secret must be private (its value not readable back through the API).
    case secretPrivate
    /// A step that cannot be observed: reported with guidance until the profile attests it.
    case manual

    public var kind: String {
        switch self {
        case .xmlValue: return "xml-value"
        case .xmlPresent: return "xml-present"
        case .xmlAbsent: return "xml-absent"
        case .xmlCount: return "xml-count"
        case .xmlEvery: return "xml-every"
        case .evaluator: return "evaluator"
        case .configValue: return "config-value"
        case .configList: return "config-list"
        case .kernelCmdline: return "kernel-cmdline"
        case .pathMetadata: return "path-metadata"
        case .systemdSocket: return "systemd-socket"
        case .secretPrivate: return "secret-private"
        case .manual: return "manual"
        }
    }

    public static let kinds = [
        "xml-value", "xml-present", "xml-absent", "xml-count", "xml-every", "evaluator",
        "config-value", "config-list", "kernel-cmdline", "path-metadata", "systemd-socket", "secret-private", "manual",
    ]
}

/// What a missing element means for an `xml-value` check.
public enum MissingMeaning: String, Hashable, Sendable, Codable {
    case compliant, noncompliant
    case notApplicable = "not-applicable"
}

/// `kind: xml-value`. `path` is a creatable path (`/domain/a/b[@x='y']`: child steps with
/// optional attribute-equality predicates), so the fix can build the element when it is missing.
public struct XMLValueCheck: Hashable, Sendable, Codable {
    public var path: String
    /// The attribute to read; nil reads the element's text.
    public var attribute: String?
    public var allowed: ValueRef?
    public var forbidden: ValueRef?
    /// The value libvirt uses when the attribute (or text) is absent from a present element.
    public var `default`: String?
    /// What it means when the element itself is missing; without it, `default` applies.
    public var missing: MissingMeaning?
}

/// `kind: xml-present`: the element at a creatable path must exist.
public struct XMLPresentCheck: Hashable, Sendable, Codable {
    public var path: String
    /// An XPath; when it matches, the element is not needed and the rule does not apply
    /// (`nosharepages` for memory that KSM never merges, such as hugepages).
    public var unless: String?
}

/// `kind: xml-absent`: nothing may match `select` (any XPath; `qemu:` is registered).
public struct XMLAbsentCheck: Hashable, Sendable, Codable {
    public var select: String
}

/// `kind: xml-count`: at most `max` nodes may match `select`.
public struct XMLCountCheck: Hashable, Sendable, Codable {
    public var select: String
    public var max: ValueRef
}

/// `kind: xml-every`: each node matching `select` must make `require` (relative XPath) true.
public struct XMLEveryCheck: Hashable, Sendable, Codable {
    public var select: String
    public var require: String
    /// Names the requirement in findings, e.g. "an iotune limit".
    public var describe: String
}

/// `kind: evaluator`: a named Swift evaluator.
public struct EvaluatorCheck: Hashable, Sendable, Codable {
    public var name: String
}

/// `kind: config-value`.
public struct ConfigValueCheck: Hashable, Sendable, Codable {
    public var file: ConfigFile
    /// The Augeas path below the file, e.g. `security_driver` or `options[. = "kvm_intel"]/nested`.
    public var key: String
    /// The daemon's documented value when the key is absent; nil means "unset" (noncompliant
    /// unless nothing is required).
    public var `default`: String?
    public var allowed: ValueRef?
    public var forbidden: ValueRef?
    public var min: ValueRef?
    public var max: ValueRef?
    /// `intel` or `amd`: the rule applies only on hosts with that CPU vendor (or an unknown one).
    public var cpuVendor: String?
    /// The value is a whitespace-separated list (libvirt's `log_outputs`): it complies when any
    /// item is allowed and none is forbidden; `min` and `max` do not apply.
    public var anyItem: Bool?
    /// Another key of the same file whose value the daemon uses when `key` is absent, before
    /// `default` (qemu.conf's `default_tls_x509_verify` for each service's `*_tls_x509_verify`).
    public var inherit: String?
    /// The key must be set to some value (a file the daemon needs, such as a CRL); unset is
    /// noncompliant even without `allowed`.
    public var required: Bool?
}

/// `kind: config-list`.
public struct ConfigListCheck: Hashable, Sendable, Codable {
    public var file: ConfigFile
    public var key: String
    /// The daemon's list when the key is absent.
    public var `default`: [String]
    /// Every element must be one of these.
    public var subsetOf: ValueRef?
    /// These elements must all be present.
    public var contains: ValueRef?
    /// The list must name at least one element (an allow-list that, absent or empty, admits
    /// everyone).
    public var nonEmpty: Bool?
}

/// `kind: kernel-cmdline`: tokens in `GRUB_CMDLINE_LINUX` (and `_DEFAULT`).
public struct KernelCmdlineCheck: Hashable, Sendable, Codable {
    public var require: [String]
    public var forbid: [String]
    /// Stronger tokens that satisfy a required one too (`lockdown=confidentiality` for
    /// `lockdown=integrity`); the fix never appends a required token next to one of them.
    public var alternatives: [String: [String]]
    /// `intel` or `amd`: the rule applies only on hosts with that CPU vendor.
    public var cpuVendor: String?

    public init(require: [String], forbid: [String], alternatives: [String: [String]] = [:], cpuVendor: String? = nil) {
        self.require = require
        self.forbid = forbid
        self.alternatives = alternatives
        self.cpuVendor = cpuVendor
    }
}

/// An automatic fix.
public struct Fix: Hashable, Sendable, Codable {
    public enum Action: String, Hashable, Sendable, Codable {
        /// Set an attribute, element text or config key to `value` (creating the path).
        case set
        /// Create the element at the check's path.
        case create
        /// Remove every node the check found.
        case remove
        /// Append the missing kernel command line tokens.
        case append
    }

    public var action: Action
    public var value: ValueRef?
    /// For `set`: a value to set instead of `value` when the current one is a key here, so a fix
    /// keeps what the operator meant (`on_crash` `coredump-restart` becomes `restart`, not `destroy`).
    public var instead: [String: String]?

    public init(action: Action, value: ValueRef? = nil, instead: [String: String]? = nil) {
        self.action = action
        self.value = value
        self.instead = instead
    }
}
