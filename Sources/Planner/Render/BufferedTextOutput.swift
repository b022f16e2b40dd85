import Foundation

/// A `TextOutputStream` onto a file handle (standard output by default) that writes in blocks
/// of `capacity` bytes, so `PlanTextRenderer.render(_:to:)` can stream a large plan without
/// holding its text. Call `flush()` when done; an error to write ends up in `error`.
public struct BufferedTextOutput: TextOutputStream {
    public let handle: FileHandle
    public let capacity: Int
    private var buffer: [UInt8] = []
    /// The first write error, if any; later writes are dropped.
    public private(set) var error: (any Error)?

    public init(_ handle: FileHandle = .standardOutput, capacity: Int = 1 << 16) {
        self.handle = handle
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    public mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= capacity { flush() }
    }

    /// Writes what is buffered.
    public mutating func flush() {
        guard !buffer.isEmpty else { return }
        if error == nil {
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                self.error = error
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
