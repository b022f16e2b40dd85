import Compiler

/// Where secrets are: the positions in domain XML and config files whose values are passwords.
/// A value read from such a position is never put into any text a plan carries (before, after,
/// messages): it is shown as `(sensitive)`. This is the only mechanism that keeps secrets out
/// of plans, and it works by position, never by searching texts for secret strings (which
/// would rewrite unrelated values that happen to equal a short password).
enum SecretPosition {
    /// Domain XML attributes that hold passwords (`<graphics passwd=...>`; `password` is how
    /// some drivers spell it).
    static let attributes: Set<String> = ["passwd", "password"]

    /// Whether a domain value at `attribute` of `rule` is secret.
    static func isSecret(attribute: String?, rule: Rule) -> Bool {
        rule.sensitive || attribute.map(attributes.contains) == true
    }

    /// Whether a config value at `key` of `rule` is secret: qemu.conf's `vnc_password`,
    /// `spice_password` and any other `*_password` key.
    static func isSecret(configKey key: String, rule: Rule) -> Bool {
        rule.sensitive || key.lowercased().hasSuffix("password") || key.lowercased().hasSuffix("passwd")
    }
}
