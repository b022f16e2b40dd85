import CLibXML2

/// An XPath that is a plain chain of element names from the root, optionally ending in an
/// attribute: `/domain/memory`, `/domain/os/type/@arch`. Such a path selects exactly the
/// elements (or their attributes) reached by walking the children of each name in turn, in
/// document order, so it is answered by that walk instead of libxml2's evaluator, which costs
/// several times more on every domain. Names are unprefixed ASCII NCNames: they match elements
/// and attributes in no namespace, as an XPath name test without a prefix does.
struct XPathPlainPath {
    /// The element names, NUL-terminated, the root's first.
    let elements: [[UInt8]]
    /// The final attribute's name, NUL-terminated.
    let attribute: [UInt8]?

    /// Nil for anything but such a chain (predicates, `//`, wildcards, prefixes, whitespace).
    init?(_ xpath: String) {
        let utf8 = Array(xpath.utf8)
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        var steps = utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var attribute: [UInt8]?
        if let last = steps.last, last.first == UInt8(ascii: "@") {
            guard XMLName.isPlain(last.dropFirst()) else { return nil }
            attribute = Array(last.dropFirst()) + [0]
            steps.removeLast()
        }
        guard !steps.isEmpty, steps.allSatisfy(XMLName.isPlain) else { return nil }
        elements = steps.map { Array($0) + [0] }
        self.attribute = attribute
    }

    /// A node-set object holding what the path selects in `doc` (the caller frees it), nil when
    /// libxml2 is out of memory.
    func select(in doc: xmlDocPtr) -> xmlXPathObjectPtr? {
        guard let result = xmlXPathNewNodeSet(nil), let set = result.pointee.nodesetval else { return nil }
        guard let root = xmlDocGetRootElement(doc), Self.matches(root, elements[0]) else { return result }
        var current = [root]
        for name in elements.dropFirst() {
            var next: [xmlNodePtr] = []
            for parent in current {
                var child = parent.pointee.children
                while let node = child {
                    if node.pointee.type == XML_ELEMENT_NODE, Self.matches(node, name) { next.append(node) }
                    child = node.pointee.next
                }
            }
            current = next
            if current.isEmpty { return result }
        }
        for element in current {
            let node: xmlNodePtr
            if let attribute {
                guard let found = Self.attribute(of: element, named: attribute) else { continue }
                node = found
            } else {
                node = element
            }
            // Each node once and in document order already.
            guard xmlXPathNodeSetAddUnique(set, node) == 0 else {
                xmlXPathFreeObject(result)
                return nil
            }
        }
        return result
    }

    private static func matches(_ node: xmlNodePtr, _ name: [UInt8]) -> Bool {
        node.pointee.ns == nil && xmlStrEqual(node.pointee.name, name) != 0
    }

    /// The attribute in no namespace called `name`, as a node (the way a node-set holds it).
    private static func attribute(of element: xmlNodePtr, named name: [UInt8]) -> xmlNodePtr? {
        var attribute = element.pointee.properties
        while let current = attribute {
            if current.pointee.ns == nil, xmlStrEqual(current.pointee.name, name) != 0 {
                return UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)
            }
            attribute = current.pointee.next
        }
        return nil
    }
}
