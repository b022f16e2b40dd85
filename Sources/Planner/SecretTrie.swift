/// A byte trie over a set of strings that finds, at each offset of a text, the longest of them
/// starting there: one pass over the text whatever the number of strings.
struct SecretTrie {
    /// Node 0 is the root. `edges[node]` maps the next UTF-8 byte to the child node.
    private var edges: [[UInt8: Int32]] = [[:]]
    /// Whether a string ends at the node.
    private var terminal: [Bool] = [false]
    /// Children of the root by byte, so most offsets cost one array read.
    private var first = [Int32](repeating: -1, count: 256)

    init(_ strings: some Sequence<String>) {
        for string in strings where !string.isEmpty {
            var node = 0
            for byte in string.utf8 {
                if let child = edges[node][byte] {
                    node = Int(child)
                } else {
                    edges.append([:])
                    terminal.append(false)
                    let child = Int32(edges.count - 1)
                    edges[node][byte] = child
                    if node == 0 { first[Int(byte)] = child }
                    node = Int(child)
                }
            }
            terminal[node] = true
        }
    }

    var isEmpty: Bool { edges[0].isEmpty }

    /// `text` with each leftmost-longest occurrence of a string replaced by `replacement`.
    func replacing(in text: String, with replacement: String) -> String {
        var text = text
        // Native strings already are contiguous UTF-8 (a no-op); bridged ones are copied once.
        text.makeContiguousUTF8()
        let scrubbed = text.utf8.withContiguousStorageIfAvailable { replacing(in: $0, with: replacement) }
            ?? Array(text.utf8).withUnsafeBufferPointer { replacing(in: $0, with: replacement) }
        return scrubbed.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// The replaced bytes, or nil when no string occurs in `utf8`.
    private func replacing(in utf8: UnsafeBufferPointer<UInt8>, with replacement: String) -> [UInt8]? {
        var bytes: [UInt8]?
        var copied = 0
        var offset = 0
        while offset < utf8.count {
            guard let length = longestMatch(utf8, at: offset) else { offset += 1; continue }
            if bytes == nil { bytes = []; bytes?.reserveCapacity(utf8.count) }
            bytes?.append(contentsOf: utf8[copied..<offset])
            bytes?.append(contentsOf: replacement.utf8)
            offset += length
            copied = offset
        }
        bytes?.append(contentsOf: utf8[copied...])
        return bytes
    }

    /// The byte length of the longest string that starts at `offset`, if any.
    private func longestMatch(_ utf8: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int? {
        var node = first[Int(utf8[offset])]
        guard node >= 0 else { return nil }
        var best: Int?
        var index = offset
        while true {
            if terminal[Int(node)] { best = index - offset + 1 }
            index += 1
            guard index < utf8.count, let child = edges[Int(node)][utf8[index]] else { return best }
            node = child
        }
    }
}
