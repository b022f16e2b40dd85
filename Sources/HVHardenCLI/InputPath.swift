import Foundation

/// Paths the user names on the command line, checked before they are used.
enum InputPath {
    /// A problem with a path the user gave.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The absolute path of a directory option; anything else is an error naming the option.
    static func directory(_ path: String, option: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Problem(description: "\(option) '\(path)' is not a directory")
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The bytes of a regular file of at most `limit` bytes. A FIFO, device, socket or directory
    /// is refused before it is opened (reading a FIFO would wait forever).
    static func regularFile(_ path: String, what: String, limit: Int = 64 << 20) throws -> Data {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw Problem(description: "cannot read \(what) '\(path)': \(String(cString: strerror(errno)))")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw Problem(description: "\(what) '\(path)' is not a regular file")
        }
        guard st.st_size <= limit else {
            throw Problem(description: "\(what) '\(path)' is larger than \(limit >> 20) MiB")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Problem(description: "cannot read \(what) '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        guard data.count <= limit else { throw Problem(description: "\(what) '\(path)' is larger than \(limit >> 20) MiB") }
        return data
    }
}
