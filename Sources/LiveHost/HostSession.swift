import Applier
import Digests
import Host
import Planner

/// The live host behind one command: one libvirt connection, the root, and the host's
/// fingerprint key, and the reader and stores over them that the Planner and the Applier use.
public final class HostSession {
    public let connectURI: String
    public let root: String
    public let key: FingerprintKey
    public let connection: LibvirtConnection

    /// Opens the connection to `connectURI`; a failure names the URI.
    public convenience init(connectURI: String, root: String, key: FingerprintKey) throws {
        self.init(connection: try DomainScan.open(connectURI), connectURI: connectURI, root: root, key: key)
    }

    /// A session over an open connection (which `close()` closes).
    public init(connection: LibvirtConnection, connectURI: String, root: String, key: FingerprintKey) {
        self.connection = connection
        self.connectURI = connectURI
        self.root = root
        self.key = key
    }

    /// A reader through this session's connection.
    public var reader: LiveStateReader {
        LiveStateReader(connectURI: connectURI, root: root, key: key, connection: connection)
    }

    /// The stores of every registered kind, writing through this session.
    public var stores: ObjectStores {
        ObjectStores([
            LibvirtDomainStore(connection: connection, key: key), ConfigFileStore(root: root, key: key),
            HostPathStore(root: root, key: key),
        ])
    }

    /// The locks an apply or rollback through this session takes under `directory`: this root's
    /// and this connection's (by the URI libvirt reports, else the one given), unless the
    /// connection is the test driver's, whose domains live in this process only.
    public func lockScope(directory: String) -> HostLockScope {
        let shared = (try? connection.driverType()) != "TEST"
        return HostLockScope(directory: directory, root: root, connection: shared ? (try? connection.canonicalURI()) ?? connectURI : nil)
    }

    public func close() { connection.close() }
}
