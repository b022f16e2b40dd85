import Foundation

extension CreatablePath {
    /// The parsed path for `text`, parsed once per process: a rule's path is the same on every
    /// domain, and thousands of domains would otherwise parse it thousands of times.
    static func cached(_ text: String) -> CreatablePath? {
        ParsedPaths.shared.path(text)
    }
}

/// The paths parsed so far, shared by the threads evaluating domains.
private final class ParsedPaths: @unchecked Sendable {
    static let shared = ParsedPaths()
    /// Paths come from rules, so few are distinct; the cap only bounds a caller that makes many.
    private static let capacity = 4096
    private let lock = NSLock()
    private var paths: [String: CreatablePath?] = [:]

    func path(_ text: String) -> CreatablePath? {
        lock.lock()
        if let known = paths[text] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let parsed = CreatablePath(text)
        lock.lock()
        if paths.count < Self.capacity { paths[text] = parsed }
        lock.unlock()
        return parsed
    }
}
