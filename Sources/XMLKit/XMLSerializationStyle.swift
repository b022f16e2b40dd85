/// How `XMLDocument.serialize(style:)` lays out the text.
public enum XMLSerializationStyle: Sendable {
    /// Byte for byte what libvirt prints (`virsh dumpxml`, `virDomainGetXMLDesc`): 2-space
    /// indentation, single-quoted attributes, `' " < > &` escaped everywhere, no XML declaration.
    /// Parsing a libvirt dump and serializing it in this style gives the input back unchanged.
    case libvirt
    /// libxml2's own formatter (`xmlSaveToBuffer` with `XML_SAVE_FORMAT | XML_SAVE_NO_DECL`):
    /// the same layout but double-quoted attributes, so it never equals libvirt's text.
    case libxml2
}
