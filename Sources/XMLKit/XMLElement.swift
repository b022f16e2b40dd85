import CLibXML2

/// A handle on an element inside an `XMLDocument`; it keeps the document alive.
///
/// Two handles are equal when they point at the same node. Names are qualified as written in the
/// document (`qemu:commandline`); `name` alone is the local part.
public struct XMLElement: Hashable {
    let document: XMLDocument
    let node: xmlNodePtr

    init(document: XMLDocument, node: xmlNodePtr) {
        self.document = document
        self.node = node
    }

    public static func == (lhs: XMLElement, rhs: XMLElement) -> Bool { lhs.node == rhs.node }
    public func hash(into hasher: inout Hasher) { hasher.combine(node) }

    /// The local name, e.g. `commandline` for `qemu:commandline`.
    public var name: String { node.pointee.name.map { String(cString: $0) } ?? "" }
    /// The namespace URI, if the element is in a namespace.
    public var namespaceURI: String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }
    /// The namespace prefix as written, if any.
    public var prefix: String? { node.pointee.ns?.pointee.prefix.map { String(cString: $0) } }
    /// `prefix:name`, or `name` without a prefix.
    public var qualifiedName: String { xmlQualifiedName(node.pointee.name, node.pointee.ns) }

    /// The attribute called `name` (qualified, e.g. `passwd` or `xml:lang`); nil if absent.
    public func attribute(_ name: String) -> String? {
        attributeNode(name).map { attributeValue($0) }
    }

    /// All attributes in document order, with qualified names. Namespace declarations
    /// (`xmlns:qemu`) are not attributes in libxml2's tree and do not appear.
    public var attributes: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            result.append((xmlQualifiedName(current.pointee.name, current.pointee.ns), attributeValue(current)))
            attribute = current.pointee.next
        }
        return result
    }

    /// Element children in document order (text, comments and the like are skipped).
    public var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                result.append(XMLElement(document: document, node: current))
            }
            child = current.pointee.next
        }
        return result
    }

    /// Element children whose qualified name is `named` (`disk`, `qemu:arg`).
    public func children(named: String) -> [XMLElement] {
        children.filter { $0.qualifiedName == named }
    }

    /// The parent element; nil for the root and for a removed element.
    public var parent: XMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLElement(document: document, node: parent)
    }

    /// The text content of the element and all its descendants. See `xmlNodeGetContent`.
    public var text: String { consumeXMLString(xmlNodeGetContent(node)) ?? "" }

    /// A unique XPath-like location, e.g. `/domain/devices/graphics[2]`. See `xmlGetNodePath`.
    public var path: String { consumeXMLString(xmlGetNodePath(node)) ?? "" }

    /// The attribute node with qualified name `name`.
    func attributeNode(_ name: String) -> xmlAttrPtr? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if xmlQualifiedName(current.pointee.name, current.pointee.ns) == name { return current }
            attribute = current.pointee.next
        }
        return nil
    }

    private func attributeValue(_ attribute: xmlAttrPtr) -> String {
        // An attribute is a node whose content is its value (entity references resolved).
        let asNode = UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self)
        return consumeXMLString(xmlNodeGetContent(asNode)) ?? ""
    }
}
