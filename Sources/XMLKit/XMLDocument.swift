import CLibXML2

/// A parsed libxml2 document, strict and safe for untrusted input.
///
/// Parsing uses `XML_PARSE_NONET | XML_PARSE_NOBLANKS` and deliberately not `XML_PARSE_NOENT` or
/// `XML_PARSE_DTDLOAD`: entities are never substituted and nothing outside the text is read, so an
/// external entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`) stays an unexpanded reference and
/// an entity bomb does not grow. Any libxml2 error (not only fatal ones, so also namespace errors)
/// rejects the document; errors are captured, never printed.
///
/// The document owns its `xmlDocPtr`; `XMLElement` handles keep it alive. Not thread-safe: use a
/// document from one task at a time (it is not `Sendable`).
public final class XMLDocument {
    /// Prefixes registered on every XPath evaluation, and usable in `appendChild` names even
    /// before the document declares them.
    public static let namespaces: [String: String] = [
        "qemu": "http://libvirt.org/schemas/domain/qemu/1.0",
    ]

    let doc: xmlDocPtr
    /// Nodes unlinked by `remove()` or `setText(_:)`. They are freed with the document rather than
    /// at once, so an `XMLElement` still pointing at one stays valid instead of dangling.
    var detached: [xmlNodePtr] = []
    /// The XPath context, made on the first query and reused by the next ones: making one
    /// registers every XPath function in a fresh hash table, which costs more than evaluating a
    /// short expression, and a planner asks dozens of questions of each document.
    var xpathContext: xmlXPathContextPtr?
    /// Whether every element and attribute name in the tree is in the parser's dictionary
    /// (`doc->dict`): true for a parsed document until it is edited or copied. Then a name the
    /// dictionary lacks names nothing in the document, and an XPath that needs it selects
    /// nothing (`XPathCache.Entry.selectsNothing`).
    var namesInterned = false
    /// False makes every XPath go through libxml2's evaluator, for tests that compare the
    /// shortcuts (`XPathCache.Entry.result`) with it.
    var takesShortcuts = true

    /// libxml2 asks for `xmlInitParser` once before use from several threads.
    private static let initialized: Void = xmlInitParser()

    /// Parses `string`.
    /// - Throws: `XMLError` with the line of the first problem. See `xmlReadMemory`.
    public init(string: String) throws {
        _ = Self.initialized
        // The string's own UTF-8 storage, not a copy of it: copying a definition into an array
        // went byte by byte and cost a tenth of the parse.
        var text = string
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue)
        // The text is already UTF-8 whatever its declaration says, hence the explicit encoding.
        let (parsed, problem) = XMLErrorCapture.run { capture in
            let parsed = text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options)
                }
            }
            return (parsed, capture.firstError)
        }
        guard let parsed, problem == nil, xmlDocGetRootElement(parsed) != nil else {
            if let parsed { xmlFreeDoc(parsed) }
            throw XMLError(
                message: "malformed XML: \(problem?.message ?? "no root element")",
                line: problem?.line, column: problem?.column)
        }
        doc = parsed
        // libxml2 interns names in the parser's dictionary unless XML_PARSE_NODICT is given,
        // and hands that dictionary to the document.
        namesInterned = parsed.pointee.dict != nil
    }

    private init(adopting doc: xmlDocPtr) {
        self.doc = doc
    }

    /// A deep copy to edit without touching this document (libxml2's `xmlCopyDoc`: no
    /// serialization and no second parse).
    public func copy() throws -> XMLDocument {
        guard let copied = xmlCopyDoc(doc, 1), xmlDocGetRootElement(copied) != nil else {
            throw XMLError(message: "cannot copy the document: libxml2 is out of memory", line: nil, column: nil)
        }
        return XMLDocument(adopting: copied)
    }

    deinit {
        if let xpathContext { xmlXPathFreeContext(xpathContext) }
        for node in detached { xmlFreeNode(node) }
        xmlFreeDoc(doc)
    }

    /// The root element (a parsed document always has one, and `remove()` keeps it).
    public var root: XMLElement {
        // Non-nil: checked in init, and XMLElement.remove() refuses to unlink the root.
        XMLElement(document: self, node: xmlDocGetRootElement(doc)!)
    }
}
