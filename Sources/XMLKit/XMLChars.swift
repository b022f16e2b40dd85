import CLibXML2

/// A NUL-terminated `xmlChar` copy of `string`; an array argument bridges to
/// `UnsafePointer<xmlChar>` for the duration of a C call.
func xmlChars(_ string: String) -> [xmlChar] {
    Array(string.utf8) + [0]
}

/// Takes ownership of an `xmlChar*` that libxml2 allocated: copies it and frees it with
/// `xmlFree` (through the shim's `cxml_free`, since `xmlFree` is a C global variable).
func consumeXMLString(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    defer { cxml_free(pointer) }
    return String(cString: pointer)
}

/// `prefix:name` for a node or attribute name and its namespace, or just `name`.
func xmlQualifiedName(_ name: UnsafePointer<xmlChar>?, _ namespace: UnsafeMutablePointer<xmlNs>?) -> String {
    let local = name.map { String(cString: $0) } ?? ""
    guard let prefix = namespace?.pointee.prefix else { return local }
    return "\(String(cString: prefix)):\(local)"
}
