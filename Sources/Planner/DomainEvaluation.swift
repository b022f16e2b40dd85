import Compiler
import Foundation
import HostModel

/// Evaluates domains as a reader delivers them: one thread per core takes each delivered domain
/// from a queue, plans it and merges its items into one builder at once, so neither the XML nor
/// the per-domain results of thousands of domains are ever held together. The queue is bounded
/// (`capacity`): a reader that fetches faster than the domains are evaluated waits, instead of
/// piling up XML. Read failures are kept by name, to be thrown in listing order; evaluation
/// failures too, to be thrown in name order.
///
/// Domains are merged in the order they finish; each domain's items arrive sorted, and a stable
/// sort by name (`PlanBuilder.sortMergedDomains`) puts them in name order without reordering
/// anything within a domain, so the plan does not depend on the scheduling.
final class DomainEvaluation: @unchecked Sendable {
    /// What the plan keeps of one evaluated domain besides its items.
    struct Record: Sendable {
        var name: String
        var fingerprint: Fingerprint
        var summary: DomainSummary?
    }

    private let condition = NSCondition()
    private var queue: [ObservedDomain?] = []
    private var head = 0
    private var closed = false
    private var merged: PlanBuilder
    private var records: [Record] = []
    private var failures: [String: any Error] = [:]
    private var readFailures: [String: any Error] = [:]
    private var workers: [ParallelWork.Background<Void>] = []
    /// Domains delivered and not yet taken by a worker, at most.
    let capacity: Int

    init(
        policy: Policy, today: Date, facts: ParallelWork.Background<HostFacts>, capabilities: @escaping CapabilitySource,
        hostName: String?, files: ParallelWork.Background<Result<[ConfigFile: ObservedFile], any Error>>? = nil,
        capacity: Int = 8 * ParallelWork.cores
    ) {
        self.capacity = max(1, capacity)
        merged = PlanBuilder(policy: policy, today: today, hostName: hostName)
        let workerCount = ParallelWork.cores
        workers = (0..<workerCount).map { _ in
            ParallelWork.Background { [unowned self] in
                // Domain evaluators compare guests with the host, so the facts come first.
                // So do the config files, for the keys that decide what a definition leaves to the
                // host; a failed read is thrown by the planner itself.
                var planner = DomainPlanner(policy: policy, today: today, facts: facts.wait(), capabilities: capabilities, hostName: hostName)
                planner.files = (try? files?.wait().get()) ?? [:]
                let strings = StringInterner()
                var done = 0
                while let domain = self.next() {
                    let result = Result { try planner.plan(domain, strings: strings) }
                    self.condition.lock()
                    switch result {
                    case .success(let planned):
                        self.merged.merge(planned.builder)
                        self.records.append(Record(name: planned.name, fingerprint: planned.fingerprint, summary: planned.summary))
                    case .failure(let error):
                        self.failures[domain.name] = error
                    }
                    self.condition.unlock()
                    done += 1
                    if done % FreeMemory.interval == 0 { FreeMemory.release() }
                }
            }
        }
    }

    /// Queues a delivered domain (or records its read failure); called from reader threads.
    /// Waits while the queue is full.
    func submit(_ name: String, _ read: Result<ObservedDomain, any Error>) {
        condition.lock()
        switch read {
        case .success(let domain):
            while queue.count - head >= capacity && !closed { condition.wait() }
            queue.append(domain)
        case .failure(let error): readFailures[name] = error
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Closes the queue and waits for the workers.
    func finish() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        for worker in workers { worker.wait() }
        workers = []
    }

    /// Closes the queue, waits for the workers and throws the first read failure of a selected
    /// domain in listing order. `results()` then gives what was evaluated.
    func finish(selected: [String]) throws {
        finish()
        if let failed = selected.first(where: { readFailures[$0] != nil }), let error = readFailures[failed] {
            throw error
        }
    }

    /// The merged items and the records of every evaluated domain, in name order; the first
    /// evaluation failure by name is thrown instead. Call after `finish`.
    func results() throws -> (items: PlanBuilder, records: [Record]) {
        condition.lock()
        defer { condition.unlock() }
        if let failed = failures.keys.min(), let error = failures[failed] { throw error }
        var items = merged
        merged = PlanBuilder(policy: items.policy, today: items.today, hostName: items.hostName)
        items.sortMergedDomains()
        let done = records.sorted { $0.name < $1.name }
        records = []
        return (items, done)
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
        // Taken slots are dropped when the queue runs empty, or once they outnumber the room
        // (a reader that keeps it full never lets it run empty).
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 4 * capacity {
            queue.removeFirst(head)
            head = 0
        }
        // A reader may be waiting for room.
        condition.broadcast()
        return domain
    }
}
