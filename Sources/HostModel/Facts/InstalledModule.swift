import Foundation

/// A kernel module file outside the distribution kernel's tree (DKMS, vendor drivers), with what
/// its bytes show about a signature.
public struct InstalledModule: Codable, Sendable, Equatable {
    /// The path under the root, e.g. `/lib/modules/6.1.0-18-amd64/updates/dkms/zfs.ko`.
    public var path: String
    /// true: the file ends in the module signature marker; false: an uncompressed module without
    /// it; nil: compressed (`.ko.xz`, `.ko.zst`, `.ko.gz`) or unreadable, so it cannot be told.
    /// A signature is not checked against the kernel's keys.
    public var signed: Bool?

    public init(path: String, signed: Bool?) {
        self.path = path
        self.signed = signed
    }

    /// What the kernel appends to a signed module (scripts/sign-file).
    static let signatureMarker = Data("~Module signature appended~\n".utf8)

    init(reading tree: some FactsSource, path: String) {
        let signed: Bool?
        if path.hasSuffix(".ko"), let data = tree.data(path) {
            signed = data.count >= Self.signatureMarker.count && data.suffix(Self.signatureMarker.count) == Self.signatureMarker
        } else {
            signed = nil
        }
        self.init(path: path, signed: signed)
    }
}
