import CMalloc

/// Hands the allocator's free pages back to the system while a plan of many domains is made.
///
/// Each domain's document is parsed, evaluated and freed on a worker thread, between the few
/// small items that outlive it; glibc keeps the freed space in its per-thread arenas, pinned by
/// those items, so without this the process's resident memory grows with the domains read
/// rather than with what the plan keeps (bench/README.md measures both).
enum FreeMemory {
    /// Domains a worker evaluates, or a merge takes over, between two releases.
    static let interval = 256

    /// Returns whole free pages of every arena to the system (`malloc_trim(3)`).
    static func release() { _ = malloc_trim(0) }
}
