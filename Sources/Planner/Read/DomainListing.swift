import Foundation
import Host

/// The domains behind a reader's URI, listed on a thread of their own: open the connection,
/// list every domain. Listing costs libvirt round trips per domain, so starting it before
/// compiling the profiles (`LiveStateReader.startListing()`, then
/// `Planner.plan(policy:listing:today:)`) hides the compilation behind it.
public final class DomainListing: Sendable {
    /// The reader that started the listing; planning reads the rest with it.
    public let reader: LiveStateReader
    private let listed: ParallelWork.Background<Result<Listed, any Error>>

    /// An open connection and what it listed.
    struct Listed: Sendable {
        let connection: LibvirtConnection
        let domains: [LibvirtDomain]
    }

    init(_ reader: LiveStateReader) {
        self.reader = reader
        listed = ParallelWork.Background { Result { try Self.list(reader.connectURI) } }
    }

    /// Opens a connection to `uri` and lists its domains on the calling thread. Readers that
    /// wait for the listing at once do this rather than start a thread: libvirt's test driver
    /// parses its whole node file in the opening thread, and memory freed in another thread's
    /// heap is not reused by the rest of the read.
    static func list(_ uri: String) throws -> Listed {
        let connection: LibvirtConnection
        do {
            connection = try LibvirtConnection(uri: uri)
        } catch let error as LibvirtError {
            throw PlanError.connection(uri: uri, error)
        }
        return Listed(connection: connection, domains: try DomainScan.list(connection, uri: uri))
    }

    /// The connection and the domains; waits for them. The caller closes the connection.
    func wait() throws -> Listed {
        try listed.wait().get()
    }
}

extension LiveStateReader {
    /// Starts opening the connection and listing the domains on a thread of their own.
    public func startListing() -> DomainListing {
        DomainListing(self)
    }
}
