import CLibXML2

extension XMLDocument {
    /// The document as text, ending with a newline. The default style reproduces libvirt's own
    /// layout so that an unchanged document round-trips byte for byte; see `XMLSerializationStyle`.
    public func serialize(style: XMLSerializationStyle = .libvirt) -> String {
        switch style {
        case .libvirt:
            var writer = LibvirtXMLWriter(document: doc)
            writer.writeDocument()
            return writer.text
        case .libxml2:
            return savedWithLibXML2()
        }
    }

    /// See `xmlSaveToBuffer`, `xmlSaveDoc`.
    private func savedWithLibXML2() -> String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        let options = Int32(XML_SAVE_FORMAT.rawValue | XML_SAVE_NO_DECL.rawValue)
        guard let context = xmlSaveToBuffer(buffer, "UTF-8", options) else { return "" }
        xmlSaveDoc(context, doc)
        // xmlSaveClose flushes into the buffer; read it only afterwards.
        xmlSaveClose(context)
        return xmlBufferContent(buffer).map { String(cString: $0) } ?? ""
    }
}
