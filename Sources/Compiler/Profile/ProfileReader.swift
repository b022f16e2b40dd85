import Foundation
import Yams

/// Validates one composed profile tree and turns it into a `ProfileDocument`. It reads the
/// `Node` tree directly rather than through `YAMLDecoder`, which ignores unknown keys and loses
/// positions; every problem becomes a located diagnostic and reading goes on, so one run
/// reports all of a file's mistakes.
struct ProfileReader {
    static let apiVersion = "hvharden/v1"
    static let topLevelKeys = ProfileKeys.top

    let source: ProfileSource
    /// Rule ids and parameters are checked against it.
    let catalogue: RuleCatalogue
    /// Waivers that ended before this day are errors.
    let today: Date
    /// Where whole-file problems are reported: the `extends` entry that named the file, if any.
    var fileLocation: SourceLocation?
    var diagnostics: [Diagnostic] = []
    /// Unknown rule ids reported so far: suggestions stop after `suggestedUnknownRules`, so a
    /// file of thousands of unknown ids costs no more than the first screenful of them.
    private var unknownRules = 0
    static let suggestedUnknownRules = 100

    init(source: ProfileSource, catalogue: RuleCatalogue, today: Date) {
        self.source = source
        self.catalogue = catalogue
        self.today = today
    }

    /// The document, or nil when the tree is not a profile at all (diagnostics say why).
    /// A document is returned even when some fields had errors, so `extends` can still be
    /// followed and the parents' mistakes reported in the same run.
    mutating func read(_ root: Node, bytes: [UInt8]) -> ProfileDocument? {
        guard Self.claimsToBeAProfile(root) else {
            error(Self.notAProfile(source.displayPath), at: fileLocation ?? location(root))
            return nil
        }
        guard let top = fields(of: root, at: "", allowed: Self.topLevelKeys, required: ProfileKeys.required[""]!) else {
            return nil
        }
        var document = ProfileDocument(source: source, bytes: bytes, apiVersionLocation: location(top["apiVersion"]?.key ?? root))
        if let node = top["apiVersion"]?.value, let version = string(node, at: "apiVersion"), version != Self.apiVersion {
            error("unsupported apiVersion '\(version.excerpt)'; this hvharden reads '\(Self.apiVersion)'", at: node)
        }
        if let node = top["kind"]?.value, let kind = string(node, at: "kind"), kind != "Profile" {
            error("kind must be 'Profile', found '\(kind.excerpt)'", at: node)
        }
        if let node = top["metadata"]?.value {
            readMetadata(node, into: &document)
        }
        if let node = top["extends"]?.value {
            document.extends = stringList(node, at: "extends") ?? []
        }
        if let node = top["posture"]?.value {
            document.posture = readPosture(node)
        }
        if let node = top["domains"]?.value {
            readDomains(node, into: &document)
        }
        if let node = top["rules"]?.value {
            readRules(node, into: &document)
        }
        if let node = top["waivers"]?.value {
            document.waivers = readWaivers(node)
        }
        if let node = top["attestations"]?.value {
            document.attestations = readAttestations(node)
        }
        return document
    }

    private mutating func readMetadata(_ node: Node, into document: inout ProfileDocument) {
        guard let metadata = fields(of: node, at: "metadata", allowed: ProfileKeys.metadata, required: ProfileKeys.required["metadata"]!) else { return }
        if let name = metadata["name"]?.value {
            document.name = nonEmptyString(name, at: "metadata.name")
        }
        if let description = metadata["description"]?.value {
            document.description = string(description, at: "metadata.description")
        }
    }

    /// Whether a document means to be a profile: a mapping with `apiVersion` or `kind`. Anything
    /// else (a shadow file, a list, plain text) gets one error from `notAProfile` instead of a
    /// diagnostic per line that would quote the file back.
    static func claimsToBeAProfile(_ root: Node) -> Bool {
        guard let mapping = root.mapping else { return false }
        return mapping.keys.contains { ["apiVersion", "kind"].contains($0.scalar?.string) }
    }

    static func notAProfile(_ file: String) -> String {
        "'\(file)' is not an hvharden profile (expected 'apiVersion: \(apiVersion)')"
    }

    /// Reports an id the catalogue does not know, with the closest known id.
    mutating func knownRule(_ id: Located<String>, in path: String) -> Bool {
        guard catalogue.rule(id.value) == nil else { return true }
        unknownRules += 1
        let suggestion = unknownRules <= Self.suggestedUnknownRules ? Spelling.didYouMean(id.value, in: catalogue.ids) : ""
        error("unknown rule '\(id.value.excerpt)' in '\(path)'\(suggestion)", at: id.location)
        return false
    }
}
