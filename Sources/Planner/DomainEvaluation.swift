import Compiler
import Foundation
import HostModel

/// Evaluates domains as a reader delivers them: one thread per core takes each delivered domain
/// from a queue, plans it and keeps only its results, so the XML of thousands of domains is never
/// held at once. Read failures are kept by name, to be thrown in listing order.
final class DomainEvaluation: @unchecked Sendable {
    typealias Output = (name: String, result: Result<DomainPlanner.Planned, any Error>)

    private let condition = NSCondition()
    private var queue: [ObservedDomain?] = []
    private var head = 0
    private var closed = false
    private var outputs: [Output] = []
    private var readFailures: [String: any Error] = [:]
    private var workers: [ParallelWork.Background<Void>] = []

    init(
        policy: Policy, today: Date, facts: ParallelWork.Background<HostFacts>, capabilities: @escaping CapabilitySource,
        hostName: String?, files: ParallelWork.Background<Result<[ConfigFile: ObservedFile], any Error>>? = nil
    ) {
        let workerCount = ParallelWork.cores
        workers = (0..<workerCount).map { _ in
            ParallelWork.Background { [unowned self] in
                // Domain evaluators compare guests with the host, so the facts come first.
                // So do the config files, for the keys that decide what a definition leaves to the
                // host; a failed read is thrown by the planner itself.
                var planner = DomainPlanner(policy: policy, today: today, facts: facts.wait(), capabilities: capabilities, hostName: hostName)
                planner.files = (try? files?.wait().get()) ?? [:]
                while let domain = self.next() {
                    let result = Result { try planner.plan(domain) }
                    self.condition.lock()
                    self.outputs.append((domain.name, result))
                    self.condition.unlock()
                }
            }
        }
    }

    /// Queues a delivered domain (or records its read failure); called from reader threads.
    func submit(_ name: String, _ read: Result<ObservedDomain, any Error>) {
        condition.lock()
        switch read {
        case .success(let domain): queue.append(domain)
        case .failure(let error): readFailures[name] = error
        }
        condition.signal()
        condition.unlock()
    }

    /// Closes the queue and waits for the workers.
    @discardableResult
    func finish() -> [Output] {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        for worker in workers { worker.wait() }
        workers = []
        condition.lock()
        defer { condition.unlock() }
        let done = outputs
        outputs = []
        return done
    }

    /// The results of every selected domain; the first read failure in listing order is thrown.
    func finish(selected: [String]) throws -> [Output] {
        let done = finish()
        if let failed = selected.first(where: { readFailures[$0] != nil }), let error = readFailures[failed] {
            throw error
        }
        return done
    }

    private func next() -> ObservedDomain? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count && !closed { condition.wait() }
        guard head < queue.count else { return nil }
        let domain = queue[head]
        // Drop the queue's copy so the XML is freed once this domain is evaluated.
        queue[head] = nil
        head += 1
        if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
        return domain
    }
}
