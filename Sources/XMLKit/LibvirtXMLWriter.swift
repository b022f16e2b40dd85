import CLibXML2

/// Writes a libxml2 tree the way libvirt formats XML (`virBuffer` in libvirt's
/// `src/util/virxml.c` and the `*Format` functions): elements with element children get one
/// child per line indented by two spaces; elements with text (or mixed content) are written on
/// one line; empty elements close with `/>`; attributes use single quotes; namespace declarations
/// follow the attributes (`<domain type='kvm' id='1' xmlns:qemu='...'>`); `& < > ' "` are escaped
/// in text and attributes alike. libxml2's saver cannot do this (it always uses double quotes).
struct LibvirtXMLWriter {
    let document: xmlDocPtr
    private(set) var bytes: [UInt8] = []

    init(document: xmlDocPtr) {
        self.document = document
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Top-level nodes, one per line: the DOCTYPE, comments, processing instructions, the root.
    mutating func writeDocument() {
        var child = document.pointee.children
        while let node = child {
            write(node, depth: 0, formatted: true)
            append("\n")
            child = node.pointee.next
        }
    }

    private mutating func write(_ node: xmlNodePtr, depth: Int, formatted: Bool) {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            writeElement(node, depth: depth, formatted: formatted)
        case XML_TEXT_NODE:
            appendEscaped(node.pointee.content, attribute: false)
        case XML_CDATA_SECTION_NODE:
            append("<![CDATA[")
            appendRaw(node.pointee.content)
            append("]]>")
        case XML_ENTITY_REF_NODE:
            // Entities are never substituted (no XML_PARSE_NOENT): write the reference back.
            append("&")
            appendRaw(node.pointee.name)
            append(";")
        case XML_COMMENT_NODE:
            append("<!--")
            appendRaw(node.pointee.content)
            append("-->")
        case XML_PI_NODE:
            append("<?")
            appendRaw(node.pointee.name)
            if let content = node.pointee.content, content.pointee != 0 {
                append(" ")
                appendRaw(content)
            }
            append("?>")
        default:
            // A DOCTYPE with its declarations, and anything else libvirt never emits: let libxml2
            // write it rather than guess.
            appendDumped(node)
        }
    }

    private mutating func writeElement(_ node: xmlNodePtr, depth: Int, formatted: Bool) {
        let name = xmlQualifiedName(node.pointee.name, node.pointee.ns)
        append("<\(name)")
        var attribute = node.pointee.properties
        while let current = attribute {
            append(" \(xmlQualifiedName(current.pointee.name, current.pointee.ns))='")
            var part = current.pointee.children
            while let piece = part {
                if piece.pointee.type == XML_ENTITY_REF_NODE {
                    append("&")
                    appendRaw(piece.pointee.name)
                    append(";")
                } else {
                    appendEscaped(piece.pointee.content, attribute: true)
                }
                part = piece.pointee.next
            }
            append("'")
            attribute = current.pointee.next
        }
        var declaration = node.pointee.nsDef
        while let namespace = declaration {
            append(" xmlns")
            if let prefix = namespace.pointee.prefix {
                append(":")
                appendRaw(prefix)
            }
            append("='")
            appendEscaped(namespace.pointee.href, attribute: true)
            append("'")
            declaration = namespace.pointee.next
        }
        guard let first = node.pointee.children else {
            append("/>")
            return
        }
        append(">")
        // Like libxml2's formatter, never add whitespace where text is significant.
        let indentChildren = formatted && !hasTextChild(first)
        var child: xmlNodePtr? = first
        while let current = child {
            if indentChildren {
                append("\n")
                indent(depth + 1)
            }
            write(current, depth: depth + 1, formatted: indentChildren)
            child = current.pointee.next
        }
        if indentChildren {
            append("\n")
            indent(depth)
        }
        append("</\(name)>")
    }

    private func hasTextChild(_ first: xmlNodePtr) -> Bool {
        var child: xmlNodePtr? = first
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_ENTITY_REF_NODE: return true
            default: child = current.pointee.next
            }
        }
        return false
    }

    private mutating func indent(_ depth: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    private mutating func appendRaw(_ chars: UnsafePointer<xmlChar>?) {
        guard var pointer = chars else { return }
        while pointer.pointee != 0 {
            bytes.append(pointer.pointee)
            pointer += 1
        }
    }

    /// libvirt's `virBufferEscapeString` escaping. Attribute values also escape tab, newline and
    /// carriage return as character references, which libvirt does not: raw ones would be
    /// normalised to spaces when the text is parsed again.
    private mutating func appendEscaped(_ chars: UnsafePointer<xmlChar>?, attribute: Bool) {
        guard var pointer = chars else { return }
        while pointer.pointee != 0 {
            switch pointer.pointee {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "'"): append("&apos;")
            case UInt8(ascii: "\""): append("&quot;")
            case UInt8(ascii: "\r"): append("&#13;")
            case UInt8(ascii: "\n") where attribute: append("&#10;")
            case UInt8(ascii: "\t") where attribute: append("&#9;")
            default: bytes.append(pointer.pointee)
            }
            pointer += 1
        }
    }

    /// See `xmlNodeDump`.
    private mutating func appendDumped(_ node: xmlNodePtr) {
        guard let buffer = xmlBufferCreate() else { return }
        defer { xmlBufferFree(buffer) }
        xmlNodeDump(buffer, document, node, 0, 0)
        appendRaw(xmlBufferContent(buffer))
    }
}
