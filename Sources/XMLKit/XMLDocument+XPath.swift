import CLibXML2

extension XMLDocument {
    /// The elements an XPath expression selects, in document order; other nodes in the result
    /// (attributes, text) are skipped. Use `strings(_:relativeTo:)` for their values.
    /// - Throws: `XMLError` for a bad expression, an undefined prefix, or a result that is not a
    ///   node-set (`count(...)`: use `evaluate`). See `xmlXPathEvalExpression`.
    public func select(_ xpath: String, relativeTo context: XMLElement? = nil) throws -> [XMLElement] {
        try withResult(xpath, relativeTo: context) { result in
            guard result.pointee.type == XPATH_NODESET else {
                throw XMLError(message: "XPath '\(xpath)' does not select nodes")
            }
            return nodes(of: result)
                .filter { $0.pointee.type == XML_ELEMENT_NODE }
                .map { XMLElement(document: self, node: $0) }
        }
    }

    /// The elements of `elements` (document order, as `select` gives them) for which the XPath
    /// `predicate` holds, exactly as `(expression)[predicate]` filters what `expression`
    /// selects: each element is the context node, its position in `elements` the context
    /// position. The selection is not evaluated a second time.
    public func filter(_ elements: [XMLElement], where predicate: String) throws -> [XMLElement] {
        guard !elements.isEmpty else { return [] }
        if let stranger = elements.first(where: { $0.document !== self }) {
            throw XMLError(message: "XPath '\(predicate)': element '\(stranger.name)' belongs to another document")
        }
        let xpath = "$\(Self.filteredSet)[\(predicate)]"
        let context = try reusableContext(for: xpath)
        guard let set = xmlXPathNewNodeSet(nil) else { throw XMLError(message: "XPath '\(predicate)': out of memory") }
        for element in elements where xmlXPathNodeSetAdd(set.pointee.nodesetval, element.node) != 0 {
            xmlXPathFreeObject(set)
            throw XMLError(message: "XPath '\(predicate)': out of memory")
        }
        // The context owns the bound value from here and frees it when it is unbound.
        guard xmlXPathRegisterVariable(context, xmlChars(Self.filteredSet), set) == 0 else {
            xmlXPathFreeObject(set)
            throw XMLError(message: "XPath '\(predicate)': cannot bind the selected elements")
        }
        defer { xmlXPathRegisterVariable(context, xmlChars(Self.filteredSet), nil) }
        return try select(xpath)
    }

    /// The variable `filter` binds the elements to.
    private static let filteredSet = "hvharden_filtered"

    /// The text of each selected node: an element's text content, an attribute's value. A result
    /// that is not a node-set (`string(...)`, `count(...)`) gives one string.
    public func strings(_ xpath: String, relativeTo context: XMLElement? = nil) throws -> [String] {
        try withResult(xpath, relativeTo: context) { result in
            guard result.pointee.type == XPATH_NODESET else {
                return [consumeXMLString(xmlXPathCastToString(result)) ?? ""]
            }
            return nodes(of: result).map { consumeXMLString(xmlNodeGetContent($0)) ?? "" }
        }
    }

    /// The value of any XPath expression, e.g. `count(//graphics)`, `boolean(//tpm)`.
    public func evaluate(_ xpath: String, relativeTo context: XMLElement? = nil) throws -> XPathValue {
        try withResult(xpath, relativeTo: context) { result in
            switch result.pointee.type {
            case XPATH_NODESET: return .nodes(nodes(of: result).count)
            case XPATH_BOOLEAN: return .boolean(result.pointee.boolval != 0)
            case XPATH_NUMBER: return .number(result.pointee.floatval)
            case XPATH_STRING: return .string(result.pointee.stringval.map { String(cString: $0) } ?? "")
            default: throw XMLError(message: "XPath '\(xpath)' has an unsupported result type")
            }
        }
    }

    /// Whether `xpath` is answered as selecting nothing without evaluating it (the names
    /// shortcut of `XPathCache.evaluate`).
    func answersWithoutEvaluating(_ xpath: String) -> Bool {
        guard takesShortcuts, namesInterned, let dict = doc.pointee.dict else { return false }
        return XPathCache.current.selectsNothing(xpath, namesFrom: dict)
    }

    /// Evaluates `xpath` with the namespaces registered and the context node set (the document
    /// node by default), hands the result to `body`, then frees it.
    private func withResult<T>(
        _ xpath: String, relativeTo context: XMLElement?, _ body: (xmlXPathObjectPtr) throws -> T
    ) throws -> T {
        if let context, context.document !== self {
            throw XMLError(message: "XPath '\(xpath)': context element '\(context.name)' belongs to another document")
        }
        return try XMLErrorCapture.run { capture in
            let xpathContext = try reusableContext(for: xpath)
            // An evaluation may leave its own context node, size and position behind.
            xpathContext.pointee.contextSize = -1
            xpathContext.pointee.proximityPosition = -1
            xpathContext.pointee.node = context?.node
                ?? UnsafeMutableRawPointer(doc).assumingMemoryBound(to: xmlNode.self)
            let names = namesInterned ? doc.pointee.dict : nil
            guard let result = XPathCache.current.evaluate(xpath, in: xpathContext, names: names, shortcuts: takesShortcuts) else {
                let reason = capture.firstError?.message ?? "invalid expression"
                throw XMLError(message: "invalid XPath '\(xpath)': \(reason)")
            }
            defer { xmlXPathFreeObject(result) }
            return try body(result)
        }
    }

    /// This document's XPath context with the namespaces registered, made on first use.
    private func reusableContext(for xpath: String) throws -> xmlXPathContextPtr {
        if let xpathContext { return xpathContext }
        guard let made = xmlXPathNewContext(doc) else {
            throw XMLError(message: "XPath '\(xpath)': cannot create a context")
        }
        for (prefix, uri) in Self.namespaces {
            xmlXPathRegisterNs(made, xmlChars(prefix), xmlChars(uri))
        }
        xpathContext = made
        return made
    }

    private func nodes(of result: xmlXPathObjectPtr) -> [xmlNodePtr] {
        guard let set = result.pointee.nodesetval, let table = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { table[$0] }
    }
}
