import Foundation
import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport

/// libvirt errors become values and never reach stderr on their own.
@Suite struct LibvirtErrorTests {
    @Test func defaultErrorPrinterIsSilenced() throws {
        // A path no other test uses, so finding it on stderr can only mean libvirt printed it.
        let marker = "hvh-silence-" + UUID().uuidString.prefix(8).lowercased()
        let (stderrText, error) = try StderrCapture.run { () -> LibvirtError? in
            do {
                _ = try LibvirtConnection(uri: "test:///nonexistent/\(marker).xml")
                return nil
            } catch {
                return error as? LibvirtError
            }
        }
        let value = try #require(error)
        #expect(value.message.contains(marker))
        #expect(!stderrText.contains(marker), "libvirt printed its error to stderr: \(stderrText)")
    }

    @Test func malformedNodeFileIsAnErrorNamingTheFile() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hvh-malformed-\(UUID().uuidString.prefix(8)).xml")
        try Data("<node><domain type='test'><name>x</name>".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let (stderrText, error) = try StderrCapture.run { () -> LibvirtError? in
            do {
                _ = try LibvirtConnection(uri: "test://" + url.path)
                return nil
            } catch {
                return error as? LibvirtError
            }
        }
        let value = try #require(error)
        #expect(value.codeName == "VIR_ERR_XML_ERROR")
        // libxml2's own diagnosis, with the line, is kept in the message.
        #expect(value.message.contains("\(url.path):1: "))
        #expect(!stderrText.contains(url.lastPathComponent), "libvirt printed its error to stderr: \(stderrText)")
    }

    @Test func errorsOnAnOpenConnectionAreSilencedToo() throws {
        let connection = try LibvirtFixture.open()
        let marker = LibvirtFixture.uniqueName()
        let (stderrText, error) = try StderrCapture.run { () -> LibvirtError? in
            do {
                _ = try connection.lookup(name: marker)
                return nil
            } catch {
                return error as? LibvirtError
            }
        }
        #expect(try #require(error).codeName == "VIR_ERR_NO_DOMAIN")
        #expect(!stderrText.contains(marker), "libvirt printed its error to stderr: \(stderrText)")
    }

    @Test func uncommonCodesAreNamedByNumberAndMissingMessagesGetAFallback() {
        let error = LibvirtError(code: 9999, domain: 0, message: nil)
        #expect(error.codeName == "VIR_ERR_9999")
        #expect(error.message == "an unknown libvirt error occurred")
        #expect(error.description == "libvirt error VIR_ERR_9999: an unknown libvirt error occurred")
        #expect(error != LibvirtError(code: 42, domain: 0, message: nil))
    }
}

/// Redirects file descriptor 2 to a temporary file while `body` runs. The redirection is
/// process-wide, so captures are serialized, and whatever was captured is written back to the real
/// stderr afterwards so output from other tests running meanwhile is not lost.
enum StderrCapture {
    private static let lock = NSLock()

    static func run<T>(_ body: () throws -> T) throws -> (String, T) {
        lock.lock()
        defer { lock.unlock() }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hvh-stderr-\(UUID().uuidString)")
        let file = open(url.path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        guard file >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer {
            close(file)
            try? FileManager.default.removeItem(at: url)
        }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0 else { throw CocoaError(.fileWriteUnknown) }
        dup2(file, STDERR_FILENO)
        let result: Result<T, Error> = Result { try body() }
        dup2(saved, STDERR_FILENO)
        close(saved)
        let data = try Data(contentsOf: url)
        if !data.isEmpty { FileHandle.standardError.write(data) }
        return (String(decoding: data, as: UTF8.self), try result.get())
    }
}
