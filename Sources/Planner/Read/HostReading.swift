import Compiler
import Foundation
import Host

/// The host's facts and config files, read under the reader's root on two threads of their own
/// while libvirt is busy. Facts come first (domain evaluators need them); Augeas loading its
/// lenses takes longer and is only needed for the host rules at the end.
struct HostReading: Sendable {
    let note: String?
    private let facts: ParallelWork.Background<HostFacts>
    private let files: ParallelWork.Background<Result<[ConfigFile: ObservedFile], any Error>>

    init(_ reader: LiveStateReader, _ policy: Policy) {
        let note = reader.hostScopeNote()
        let root = reader.root
        let query = ConfigQuery(policy: policy)
        self.note = note
        facts = ParallelWork.Background {
            HostFactsReader(root: note == nil ? root : "/nonexistent-root").read()
        }
        files = ParallelWork.Background {
            note == nil ? Result { try ConfigReader(root: root).read(query) } : .success([:])
        }
    }

    /// The facts; waits for them the first time.
    var hostFacts: HostFacts { facts.wait() }

    /// The state with `domains`; throws the config-file error, if any.
    func state(connectURI: String, root: String, domains: [ObservedDomain], unselected: [String]) throws -> ObservedState {
        ObservedState(
            connectURI: connectURI, root: root, domains: domains, unselectedDomains: unselected.sorted(),
            files: try files.wait().get(), facts: hostFacts, hostScopeNote: note)
    }
}
