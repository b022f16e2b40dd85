import Yams

/// Guards against alias expansion ("billion laughs"). Yams resolves each alias into the node it
/// names, so a few hundred bytes of anchors can describe billions of nodes when walked. Walking
/// with a budget counts every occurrence, alias expansions included, and stops as soon as the
/// budget is spent: a bomb is rejected in milliseconds, a real profile (a few hundred nodes) passes.
enum NodeBudget {
    /// Far above any real profile, far below anything that costs noticeable time.
    static let limit = 100_000

    /// The node at which the walk spent its budget, or nil if the tree fits in it.
    static func exceeded(in root: Node, limit: Int = NodeBudget.limit) -> Node? {
        var count = 0
        // An explicit stack rather than recursion: the walk's depth is then bounded by memory.
        var pending = [root]
        while let node = pending.popLast() {
            count += 1
            if count > limit { return node }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { pending.append(key); pending.append(value) }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            case .scalar, .alias:
                break
            }
        }
        return nil
    }
}
