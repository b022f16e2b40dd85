import CLibXML2
import Foundation

/// Compiled XPath expressions by their text, one cache per thread.
///
/// A planner asks the same few dozen expressions (the rules') of thousands of documents;
/// compiling each once per thread saves parsing it on every document. The cache is per thread
/// because libxml2 writes into a compiled expression while evaluating it (it remembers the
/// functions it looked up), so one must not be evaluated on two threads at once. A thread's
/// expressions are freed when the thread ends.
final class XPathCache {
    /// Expressions come from rules, so few are distinct; past this many, new ones are compiled
    /// for one use, so a caller building unbounded expressions cannot grow the cache.
    private static let capacity = 1024
    private var compiled: [String: xmlXPathCompExprPtr] = [:]

    /// The thread-specific slot holding each thread's cache (retained), released when the
    /// thread ends. A pthread key rather than `Thread.current.threadDictionary`, whose
    /// Foundation dictionary lookup cost about 4% of a plan, asked once per query.
    private static let slot: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { XPathCache.releaseThreadCache($0) }
        precondition(status == 0, "pthread_key_create failed: \(status)")
        return key
    }()

    private static func releaseThreadCache(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        Unmanaged<XPathCache>.fromOpaque(pointer).release()
    }

    /// The calling thread's cache.
    static var current: XPathCache {
        if let pointer = pthread_getspecific(slot) { return Unmanaged<XPathCache>.fromOpaque(pointer).takeUnretainedValue() }
        let cache = XPathCache()
        pthread_setspecific(slot, Unmanaged.passRetained(cache).toOpaque())
        return cache
    }

    deinit {
        for expression in compiled.values { xmlXPathFreeCompExpr(expression) }
    }

    /// Evaluates `xpath` in `context`: nil when it does not compile or evaluate (libxml2 reported
    /// why to the calling thread's error handler). The result belongs to the caller.
    func evaluate(_ xpath: String, in context: xmlXPathContextPtr) -> xmlXPathObjectPtr? {
        if let known = compiled[xpath] { return xmlXPathCompiledEval(known, context) }
        // Compiled without a context: prefixes are resolved when evaluating, against the
        // document's registered namespaces.
        guard let made = xmlXPathCompile(xmlChars(xpath)) else { return nil }
        guard compiled.count < Self.capacity else {
            defer { xmlXPathFreeCompExpr(made) }
            return xmlXPathCompiledEval(made, context)
        }
        compiled[xpath] = made
        return xmlXPathCompiledEval(made, context)
    }
}
