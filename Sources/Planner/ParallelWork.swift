import Foundation

/// Runs independent pieces of work on a few threads of our own and hands the results back in
/// order, so callers stay synchronous and their output does not depend on scheduling.
///
/// Threads rather than Swift tasks: the work blocks in C (a libvirt RPC waits on the daemon's
/// socket), and blocking the cooperative pool, which has one thread per core, would stall it.
/// Every C call and the reading of its error still happen on one thread, as `LibvirtCall` needs.
public enum ParallelWork {
    /// One thread per core: right for work that only computes (parsing, evaluating).
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `body` applied to each item on up to `workers` threads (the calling one included), the
    /// outputs in the items' order. Items are handed out one at a time, so a slow one does not
    /// hold up a whole share.
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], workers: Int, _ body: @escaping @Sendable (Item) -> Output
    ) -> [Output] {
        let workers = min(workers, items.count)
        guard workers > 1 else { return items.map(body) }
        let queue = WorkQueue<Output>(count: items.count)
        let work: @Sendable () -> Void = {
            while let index = queue.claim() { queue.store(body(items[index]), at: index) }
        }
        let helpers = (1..<workers).map { _ in Background(work) }
        work()
        for helper in helpers { helper.wait() }
        return queue.outputs()
    }

    /// `body` applied to each item on up to `workers` threads (the calling one included), for
    /// work whose results the body hands on itself.
    public static func forEach<Item: Sendable>(_ items: [Item], workers: Int, _ body: @escaping @Sendable (Item) -> Void) {
        _ = map(items, workers: workers, body)
    }

    /// Starts `body` on a thread of its own; `wait()` returns its output.
    public final class Background<Output: Sendable>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        // Written once by the thread before it signals `done`, read only after `wait()`.
        private var output: Output?

        public init(_ body: @escaping @Sendable () -> Output) {
            let thread = Thread { [self] in
                output = body()
                done.signal()
            }
            // libxml2 and the Swift runtime recurse on deep documents; the main thread has 8 MiB.
            thread.stackSize = 8 << 20
            thread.start()
        }

        /// Blocks until the thread has finished; any number of callers may wait.
        public func wait() -> Output {
            done.wait()
            // Let the next waiter through too: the output is final once it was signalled.
            done.signal()
            return output!
        }
    }
}

/// The shared state of `ParallelWork.map`: the next item to hand out and the outputs so far.
private final class WorkQueue<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var results: [Output?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < results.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ output: Output, at index: Int) {
        lock.lock()
        results[index] = output
        lock.unlock()
    }

    /// Every output; call after all workers finished.
    func outputs() -> [Output] {
        lock.lock()
        defer { lock.unlock() }
        return results.map { $0! }
    }
}
