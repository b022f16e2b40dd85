import Foundation

/// Renders a plan as JSON: the `Plan` Codable value, keys sorted and indented, so that the same
/// plan always gives the same bytes and two plans diff line by line. `docs/plan.schema.json`
/// describes the shape; it is also the format of a saved plan (`--out`).
///
/// The bytes are those of Foundation's `JSONEncoder` (`.sortedKeys`, `.prettyPrinted`,
/// `.withoutEscapingSlashes`), but the plan's item arrays are encoded a chunk of elements at a
/// time on every core (`JSONNodeEncoder`, `JSONPrettyWriter`) and written in order into blocks
/// handed to the caller: the JSON of ten thousand domains is tens of megabytes, and
/// `JSONEncoder` holds all of it, and a tree of it, before it returns.
public enum PlanJSONRenderer {
    /// The JSON text, ending in a newline.
    public static func render(_ plan: Plan) throws -> Data {
        var data = Data()
        try write(plan) { data.append(contentsOf: $0) }
        return data
    }

    /// Writes the JSON text, ending in a newline, in blocks of about `blockSize` bytes.
    public static func write(_ plan: Plan, blockSize: Int = 1 << 16, to sink: ([UInt8]) throws -> Void) throws {
        let encoder = JSONNodeEncoder()
        // The plan without its items: every other field, with the keys the Codable conformance
        // gives, so a field added to `Plan` is written without a change here.
        var shell = plan
        shell.changes = []
        shell.findings = []
        shell.waived = []
        shell.pendingRestart = []
        guard case .object(let members) = try encoder.encode(shell).content else {
            throw EncodingError.invalidValue(plan, EncodingError.Context(codingPath: [], debugDescription: "a plan encodes as an object"))
        }
        var output = BlockOutput(blockSize: blockSize)
        output.writer.raw("{")
        for (index, (key, value)) in JSONPrettyWriter.sorted(members).enumerated() {
            output.writer.raw(index == 0 ? "\n" : ",\n")
            output.writer.member(key, depth: 1)
            switch key {
            case "changes": try output.writeArray(plan.changes, encoder: encoder, to: sink)
            case "findings": try output.writeArray(plan.findings, encoder: encoder, to: sink)
            case "waived": try output.writeArray(plan.waived, encoder: encoder, to: sink)
            case "pendingRestart": try output.writeArray(plan.pendingRestart, encoder: encoder, to: sink)
            default: output.writer.write(value, depth: 1)
            }
            try output.flush(whenFull: true, to: sink)
        }
        output.writer.raw("\n}\n")
        try output.flush(whenFull: false, to: sink)
    }

    /// Elements of an item array one thread encodes at a time (`write`).
    public static let chunkSize = 256

    /// Reads a plan back from `render`'s output.
    public static func decode(_ data: Data) throws -> Plan {
        try JSONDecoder().decode(Plan.self, from: data)
    }
}

/// A `JSONPrettyWriter` whose bytes go to a sink whenever a block is full.
private struct BlockOutput {
    var writer: JSONPrettyWriter
    let blockSize: Int

    init(blockSize: Int) {
        self.blockSize = blockSize
        writer = JSONPrettyWriter(capacity: blockSize + blockSize / 4)
    }

    mutating func flush(whenFull: Bool, to sink: ([UInt8]) throws -> Void) throws {
        guard !writer.bytes.isEmpty, !whenFull || writer.bytes.count >= blockSize else { return }
        try sink(writer.bytes)
        writer.bytes.removeAll(keepingCapacity: true)
    }

    /// Elements one thread encodes at a time, and chunks encoded in parallel before they are
    /// written: a few hundred kilobytes in flight whatever the size of the plan.
    static let chunkSize = PlanJSONRenderer.chunkSize
    static var chunksInFlight: Int { 4 * ParallelWork.cores }

    /// `items` as an array at depth 1. The elements are encoded by every core, a wave of chunks
    /// at a time, and written in their order; each chunk's bytes are dropped once written.
    mutating func writeArray<Item: Encodable & Sendable>(_ items: [Item], encoder: JSONNodeEncoder, to sink: ([UInt8]) throws -> Void) throws {
        guard !items.isEmpty else { return writer.write(JSONNode(.array([])), depth: 1) }
        writer.raw("[")
        let chunks = stride(from: 0, to: items.count, by: Self.chunkSize).map { $0..<min($0 + Self.chunkSize, items.count) }
        for wave in stride(from: 0, to: chunks.count, by: Self.chunksInFlight) {
            let ranges = Array(chunks[wave..<min(wave + Self.chunksInFlight, chunks.count)])
            let encoded = ParallelWork.map(ranges, workers: ParallelWork.cores) { range in
                Result { () throws -> [UInt8] in
                    var chunk = JSONPrettyWriter(capacity: 0)
                    for index in range {
                        chunk.raw(index == 0 ? "\n" : ",\n")
                        chunk.indent(2)
                        chunk.write(try encoder.encode(items[index]), depth: 2)
                    }
                    return chunk.bytes
                }
            }
            for chunk in encoded {
                writer.bytes.append(contentsOf: try chunk.get())
                try flush(whenFull: true, to: sink)
            }
        }
        writer.raw("\n")
        writer.indent(1)
        writer.raw("]")
    }
}
