/// Kernel same-page merging, which shares identical pages across guests (a cross-VM side channel).
public struct KSMFacts: Codable, Sendable, Equatable {
    /// `/sys/kernel/mm/ksm/run`: 0 stopped, 1 merging, 2 stopped and unmerged. nil without KSM.
    public var run: Int?
    /// `/sys/kernel/mm/ksm/pages_shared`: merged pages still in use (non-zero even after stopping
    /// with 0 until they are unmerged).
    public var pagesShared: Int?

    public init(run: Int? = nil, pagesShared: Int? = nil) {
        self.run = run
        self.pagesShared = pagesShared
    }
}

extension KSMFacts {
    init(reading tree: some FactsSource) {
        self.init(
            run: tree.int("/sys/kernel/mm/ksm/run"),
            pagesShared: tree.int("/sys/kernel/mm/ksm/pages_shared")
        )
    }
}
