import CAugeas
import Foundation

extension AugeasTree {
    /// The 1-based line where the node at `path` starts in its file, for `qemu.conf:LINE` in
    /// reports; nil when unknown (no single match, a node added since the load, or not in a file).
    ///
    /// `aug_span` gives byte offsets into the text as loaded; the line is counted in the file as
    /// it is on disk under `root` (`aug_span` reports the full path), so ask before `save()`
    /// rewrites it. Span tracking (`AUG_ENABLE_SPAN`) is always on: it costs nothing measurable.
    /// See `aug_span`.
    public func line(of path: String) -> Int? {
        var filename: UnsafeMutablePointer<CChar>?
        var labelStart: UInt32 = 0, labelEnd: UInt32 = 0
        var valueStart: UInt32 = 0, valueEnd: UInt32 = 0
        var spanStart: UInt32 = 0, spanEnd: UInt32 = 0
        let result = aug_span(
            handle, path, &filename, &labelStart, &labelEnd, &valueStart, &valueEnd, &spanStart, &spanEnd)
        defer { free(filename) }
        guard result == 0, let filename else { return nil }
        let name = String(cString: filename)
        let bytes: [UInt8]
        if let cached = fileBytes[name] {
            bytes = cached
        } else {
            guard let data = FileManager.default.contents(atPath: name) else { return nil }
            bytes = [UInt8](data)
            fileBytes[name] = bytes
        }
        // The label is where a reader looks; a node without one (an array item) starts at its span.
        let offset = Int(labelEnd > labelStart ? labelStart : spanStart)
        guard offset <= bytes.count else { return nil }
        return bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}
