import Foundation

/// An `Encoder` that turns an `Encodable` value into a `JSONNode`, with the value conventions of
/// Foundation's `JSONEncoder` under its default strategies: `Data` as Base64, `URL` as its
/// absolute string, `Decimal` as a number, `Date` as seconds since 2001 (its own encoding),
/// whole floating-point numbers without a fraction, and an error for NaN and infinities.
///
/// It exists so that a plan of thousands of domains can be rendered a few elements at a time
/// (`PlanJSONRenderer.write`): `JSONEncoder` builds the whole document before writing a byte.
public struct JSONNodeEncoder: Sendable {
    public init() {}

    public func encode<Value: Encodable>(_ value: Value) throws -> JSONNode {
        guard let node = try NodeEncoder(path: nil).box(value, topLevel: true) else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: "Top-level \(Value.self) did not encode any values."))
        }
        return node
    }
}

/// A coding path as a chain of keys, made into an array only when someone asks for it (an
/// error, or a value that reads its path): building an array for every nested value cost more
/// than encoding the value.
private final class CodingPathLink {
    let parent: CodingPathLink?
    let key: any CodingKey

    init(_ parent: CodingPathLink?, _ key: any CodingKey) {
        self.parent = parent
        self.key = key
    }

    static func keys(_ link: CodingPathLink?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var link = link
        while let current = link {
            keys.append(current.key)
            link = current.parent
        }
        return keys.reversed()
    }

    /// The path `link` continues with `key`.
    static func extend(_ link: CodingPathLink?, _ key: (any CodingKey)?) -> CodingPathLink? {
        key.map { CodingPathLink(link, $0) } ?? link
    }
}

private final class NodeEncoder: Encoder {
    let path: CodingPathLink?
    var codingPath: [any CodingKey] { CodingPathLink.keys(path) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What the value encoded so far; nil until it asks for a container or encodes a single value.
    private(set) var node: JSONNode?
    /// The node this encoder's value must land in, already in its parent (`superEncoder()`):
    /// what is encoded is written into it, however long the encoder itself lives.
    private let target: JSONNode?

    init(path: CodingPathLink?, target: JSONNode? = nil) {
        self.path = path
        self.target = target
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object = reuse(JSONNode.emptyObject, ifObject: true)
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(encoder: self, object: object, path: path))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedNodeContainer(encoder: self, array: reuse(JSONNode.emptyArray, ifObject: false), path: path)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(encoder: self) }

    /// The container node this encoder already has of the same shape, or a new one.
    private func reuse(_ make: () -> JSONNode, ifObject: Bool) -> JSONNode {
        if let node, node.isContainer(object: ifObject) { return node }
        set(make())
        return node!
    }

    /// Makes `value` what this encoder encoded (into its target, when it has one).
    func set(_ value: JSONNode) {
        guard let target else { return node = value }
        target.content = value.content
        node = target
    }

    /// `value` as a node, with `JSONEncoder`'s special cases; nil when it encoded nothing and
    /// `topLevel` (a nested value that encodes nothing is an empty object, as in `JSONEncoder`).
    func box<Value: Encodable>(_ value: Value, key: (any CodingKey)? = nil, topLevel: Bool = false) throws -> JSONNode? {
        // Types compared first: a dynamic cast of every value costs more than encoding it.
        if Value.self == String.self { return JSONNode(.string(value as! String)) }
        if Value.self == Data.self { return JSONNode(.string((value as! Data).base64EncodedString())) }
        if Value.self == URL.self { return JSONNode(.string((value as! URL).absoluteString)) }
        if Value.self == Double.self { return try Self.number(value as! Double, path: CodingPathLink.extend(path, key)) }
        if Value.self == Float.self { return try Self.number(value as! Float, path: CodingPathLink.extend(path, key)) }
        if Value.self == Decimal.self { return JSONNode(.number((value as! Decimal).description)) }
        let nested = NodeEncoder(path: CodingPathLink.extend(path, key))
        try value.encode(to: nested)
        return nested.node ?? (topLevel ? nil : JSONNode.emptyObject())
    }

    /// `box` for a nested value, which always gives a node.
    func boxed<Value: Encodable>(_ value: Value, key: (any CodingKey)? = nil) throws -> JSONNode {
        try box(value, key: key)!
    }

    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, path: CodingPathLink?) throws -> JSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: CodingPathLink.keys(path), debugDescription: "\(value) is not a valid JSON number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return JSONNode(.number(text))
    }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: NodeEncoder
    let object: JSONNode
    let path: CodingPathLink?
    var codingPath: [any CodingKey] { CodingPathLink.keys(path) }

    mutating func encodeNil(forKey key: Key) throws { object.set(JSONNode(.null), for: key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(JSONNode(.bool(value)), for: key.stringValue) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.set(JSONNode(.string(value)), for: key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.set(JSONNode(.number(String(value))), for: key.stringValue) }
    mutating func encode(_ value: Double, forKey key: Key) throws { object.set(try NodeEncoder.number(value, path: CodingPathLink(path, key)), for: key.stringValue) }
    mutating func encode(_ value: Float, forKey key: Key) throws { object.set(try NodeEncoder.number(value, path: CodingPathLink(path, key)), for: key.stringValue) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(try encoder.boxed(value, key: key), for: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        // Asked again for the same key, the container already there is reused, as JSONEncoder does.
        let nested = object.member(key.stringValue).flatMap { $0.isContainer(object: true) ? $0 : nil } ?? JSONNode.emptyObject()
        object.set(nested, for: key.stringValue)
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(encoder: encoder, object: nested, path: CodingPathLink(path, key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = object.member(key.stringValue).flatMap { $0.isContainer(object: false) ? $0 : nil } ?? JSONNode.emptyArray()
        object.set(nested, for: key.stringValue)
        return UnkeyedNodeContainer(encoder: encoder, array: nested, path: CodingPathLink(path, key))
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super", path: path) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue, path: CodingPathLink(path, key)) }

    /// An encoder whose value lands under `name`: an empty object until it encodes something.
    private func superEncoder(named name: String, path: CodingPathLink?) -> any Encoder {
        let placeholder = JSONNode.emptyObject()
        object.set(placeholder, for: name)
        return NodeEncoder(path: path, target: placeholder)
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let encoder: NodeEncoder
    let array: JSONNode
    let path: CodingPathLink?
    var codingPath: [any CodingKey] { CodingPathLink.keys(path) }
    var count: Int { array.count }

    mutating func encodeNil() throws { array.append(JSONNode(.null)) }
    mutating func encode(_ value: Bool) throws { array.append(JSONNode(.bool(value))) }
    mutating func encode(_ value: String) throws { array.append(JSONNode(.string(value))) }
    mutating func encode(_ value: Int) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Int8) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Int16) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Int32) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Int64) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt8) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt16) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt32) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt64) throws { array.append(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Double) throws { array.append(try NodeEncoder.number(value, path: CodingPathLink(path, IndexKey(count)))) }
    mutating func encode(_ value: Float) throws { array.append(try NodeEncoder.number(value, path: CodingPathLink(path, IndexKey(count)))) }
    mutating func encode<T: Encodable>(_ value: T) throws { array.append(try encoder.boxed(value, key: IndexKey(count))) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONNode.emptyObject()
        let nestedPath = CodingPathLink(path, IndexKey(count))
        array.append(nested)
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(encoder: encoder, object: nested, path: nestedPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONNode.emptyArray()
        let nestedPath = CodingPathLink(path, IndexKey(count))
        array.append(nested)
        return UnkeyedNodeContainer(encoder: encoder, array: nested, path: nestedPath)
    }

    mutating func superEncoder() -> any Encoder {
        let placeholder = JSONNode.emptyObject()
        let nestedPath = CodingPathLink(path, IndexKey(count))
        array.append(placeholder)
        return NodeEncoder(path: nestedPath, target: placeholder)
    }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.set(JSONNode(.null)) }
    mutating func encode(_ value: Bool) throws { encoder.set(JSONNode(.bool(value))) }
    mutating func encode(_ value: String) throws { encoder.set(JSONNode(.string(value))) }
    mutating func encode(_ value: Int) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Int8) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Int16) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Int32) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Int64) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt8) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt16) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt32) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: UInt64) throws { encoder.set(JSONNode(.number(String(value)))) }
    mutating func encode(_ value: Double) throws { encoder.set(try NodeEncoder.number(value, path: encoder.path)) }
    mutating func encode(_ value: Float) throws { encoder.set(try NodeEncoder.number(value, path: encoder.path)) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.set(try encoder.boxed(value)) }
}
