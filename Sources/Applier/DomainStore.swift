import Host

/// The Applier's view of libvirt domains: read a persistent definition, define a new one.
/// `LibvirtDomainStore` implements it over a real connection; tests may use either the test
/// driver or the real daemon.
public protocol DomainStore {
    /// The persistent definition (INACTIVE|SECURE) of `name`, with its UUID.
    func persistentXML(name: String) throws -> (uuid: String, xml: String)
    /// Defines (replaces) a domain from XML, validating it against libvirt's schema when asked.
    func define(xml: String, validate: Bool) throws
}

/// `DomainStore` over a libvirt connection.
public struct LibvirtDomainStore: DomainStore {
    public let connection: LibvirtConnection

    public init(connection: LibvirtConnection) { self.connection = connection }

    public func persistentXML(name: String) throws -> (uuid: String, xml: String) {
        let domain = try connection.lookup(name: name)
        return (domain.uuid, try domain.persistentXML())
    }

    public func define(xml: String, validate: Bool) throws {
        _ = try connection.define(xml: xml, validate: validate)
    }
}
