import CLibXML2

extension XMLElement {
    /// Sets (or adds) the attribute `name`; a prefix must be declared in scope or be one of
    /// `XMLDocument.namespaces`. The value is stored as is and escaped on output.
    /// - Throws: `XMLError` for an invalid name or an unknown prefix. See `xmlSetNsProp`.
    public func setAttribute(_ name: String, _ value: String) throws {
        let (namespace, local) = try resolve(name, kind: "attribute")
        document.namesInterned = false
        xmlSetNsProp(node, namespace, xmlChars(local), xmlChars(value))
    }

    /// Removes the attribute `name` if present. See `xmlRemoveProp`.
    public func removeAttribute(_ name: String) {
        if let attribute = attributeNode(name) {
            xmlRemoveProp(attribute)
        }
    }

    /// Replaces all children with one text node holding `s` (stored as is, escaped on output).
    public func setText(_ s: String) {
        // xmlNodeSetContent would free the children (leaving other handles dangling) and parse
        // `&...;` in `s` as entity references, so detach the children and add plain text instead.
        while let child = node.pointee.children {
            document.detach(child)
        }
        let bytes = Array(s.utf8)
        xmlNodeAddContentLen(node, bytes, Int32(bytes.count))
    }

    /// Appends a new element `name` (optionally `prefix:name`) as the last child, with
    /// `attributes` in the given order, and returns it. A prefix from `XMLDocument.namespaces`
    /// that is not declared yet is declared on the root element, where libvirt puts it.
    /// - Throws: `XMLError` for an invalid name or an unknown prefix. See `xmlNewChild`.
    @discardableResult
    public func appendChild(_ name: String, attributes: [(String, String)] = []) throws -> XMLElement {
        let (namespace, local) = try resolve(name, kind: "element")
        document.namesInterned = false
        guard let child = xmlNewDocNode(document.doc, namespace, xmlChars(local), nil) else {
            throw XMLError(message: "cannot create element '\(name)'")
        }
        xmlAddChild(node, child)
        let element = XMLElement(document: document, node: child)
        for (attributeName, value) in attributes {
            try element.setAttribute(attributeName, value)
        }
        return element
    }

    /// Unlinks the element (and its subtree) from the document. The root element cannot be
    /// removed; asking for it does nothing. The node's memory is released with the document, so
    /// handles on it or its descendants stay safe to read. See `xmlUnlinkNode`.
    public func remove() {
        guard node != xmlDocGetRootElement(document.doc), node.pointee.parent != nil else { return }
        document.detach(node)
    }

    /// Splits a qualified name and finds its namespace: declared in scope, or from
    /// `XMLDocument.namespaces` (then declared on the root).
    private func resolve(_ name: String, kind: String) throws -> (xmlNsPtr?, String) {
        guard xmlValidateQName(xmlChars(name), 0) == 0 else {
            throw XMLError(message: "invalid \(kind) name '\(name)'")
        }
        guard let colon = name.firstIndex(of: ":") else { return (nil, name) }
        let prefix = String(name[..<colon])
        let local = String(name[name.index(after: colon)...])
        if let declared = xmlSearchNs(document.doc, node, xmlChars(prefix)) {
            return (declared, local)
        }
        guard let uri = XMLDocument.namespaces[prefix], let root = xmlDocGetRootElement(document.doc),
              let declared = xmlNewNs(root, xmlChars(uri), xmlChars(prefix))
        else {
            throw XMLError(message: "unknown namespace prefix '\(prefix)' in \(kind) name '\(name)'")
        }
        return (declared, local)
    }
}

extension XMLDocument {
    /// Unlinks `node` and keeps it for freeing in deinit (see `detached`).
    func detach(_ node: xmlNodePtr) {
        xmlUnlinkNode(node)
        detached.append(node)
    }
}
