/// Augeas path expressions and load globs for host paths whose names may hold characters that
/// those languages treat specially (`[`, `]`, `*`, spaces, ...): a file listed from a drop-in
/// directory can be called anything.
///
/// In a path expression a backslash makes the next character part of the name; in a load's
/// `incl` (a glob(3) pattern) it makes the next character literal.
public enum AugeasPath {
    /// Characters left as they are in a label; every other one is escaped.
    static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+~%^:@#{}")

    /// The tree path of a host file: `/etc/sysctl.d/a[1].conf` → `/files/etc/sysctl.d/a\[1\].conf`.
    public static func files(_ hostPath: String) -> String {
        "/files" + hostPath.split(separator: "/", omittingEmptySubsequences: true).map { "/" + label(String($0)) }.joined()
    }

    /// One node label as it must be written in a path expression.
    public static func label(_ text: String) -> String {
        var out = ""
        for ch in text {
            if !plain.contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// A host path as a glob that matches only that path.
    public static func literalGlob(_ hostPath: String) -> String {
        var out = ""
        for ch in hostPath {
            if "*?[]\\".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
