import Foundation

/// The host's name as hvharden reports and matches it (`hvharden facts`, `baseline
/// --from-host`, waivers scoped to `hosts:`): the first non-empty line of `root`/etc/hostname,
/// else of `root`/proc/sys/kernel/hostname; nil when neither has one.
enum HostName {
    static func read(root: String) -> String? {
        for file in ["etc/hostname", "proc/sys/kernel/hostname"] {
            let path = URL(fileURLWithPath: root).appendingPathComponent(file).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            if let line = text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) {
                return line
            }
        }
        return nil
    }
}
