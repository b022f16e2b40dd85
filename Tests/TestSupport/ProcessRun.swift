import Foundation

/// A finished child process. Output goes through temporary files, not pipes, so a large plan
/// on one stream cannot deadlock while the other is being read.
public struct ProcessRun {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> ProcessRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvh-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return ProcessRun(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}
