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
    private var compiled: [String: Entry] = [:]

    /// A compiled expression and the names it needs (`XPathRequiredNames`), NUL-terminated.
    struct Entry {
        let expression: xmlXPathCompExprPtr
        let required: [[(name: [UInt8], safe: Bool)]]?
        /// Set when the expression is a plain chain of names, answered by walking the tree.
        let plain: XPathPlainPath?

        init(_ expression: xmlXPathCompExprPtr, _ xpath: String) {
            self.expression = expression
            required = XPathRequiredNames.of(xpath, prefixes: Set(XMLDocument.namespaces.keys))?.map { $0.map { ($0.bytes, $0.safe) } }
            plain = XPathPlainPath(xpath)
        }

        /// The expression's result in `context`: by its names or its plain path when
        /// `shortcuts` allows (`names`: see `evaluate`), else by libxml2's evaluator.
        func result(in context: xmlXPathContextPtr, names: xmlDictPtr?, shortcuts: Bool) -> xmlXPathObjectPtr? {
            if shortcuts {
                if let names, selectsNothing(namesFrom: names) { return xmlXPathNewNodeSet(nil) }
                if let plain, let doc = context.pointee.doc { return plain.select(in: doc) }
            }
            return xmlXPathCompiledEval(expression, context)
        }

        /// Whether `dict`, the names of a document's parser, shows the expression can select
        /// nothing: each path of it names something the document never had before any step
        /// whose predicates could fail.
        func selectsNothing(namesFrom dict: xmlDictPtr) -> Bool {
            guard let required else { return false }
            return required.allSatisfy { steps in
                guard let absent = steps.firstIndex(where: { xmlDictExists(dict, $0.name, Int32($0.name.count - 1)) == nil }) else { return false }
                return steps[..<absent].allSatisfy(\.safe)
            }
        }
    }

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
        for entry in compiled.values { xmlXPathFreeCompExpr(entry.expression) }
    }

    /// Whether `xpath` selects nothing in the document whose parser's names `dict` holds, by
    /// its names alone (`Entry.selectsNothing`).
    func selectsNothing(_ xpath: String, namesFrom dict: xmlDictPtr) -> Bool {
        if let known = compiled[xpath] { return known.selectsNothing(namesFrom: dict) }
        guard let made = xmlXPathCompile(xmlChars(xpath)) else { return false }
        defer { xmlXPathFreeCompExpr(made) }
        return Entry(made, xpath).selectsNothing(namesFrom: dict)
    }

    /// Evaluates `xpath` in `context`: nil when it does not compile or evaluate (libxml2 reported
    /// why to the calling thread's error handler). The result belongs to the caller. With
    /// `names`, the parser's dictionary of a document that holds no other names, an expression
    /// that cannot select anything in it gives an empty node-set without being evaluated; a
    /// plain chain of names (`XPathPlainPath`) is walked. `shortcuts` false evaluates all.
    func evaluate(_ xpath: String, in context: xmlXPathContextPtr, names: xmlDictPtr? = nil, shortcuts: Bool = true) -> xmlXPathObjectPtr? {
        if let known = compiled[xpath] { return known.result(in: context, names: names, shortcuts: shortcuts) }
        // Compiled without a context: prefixes are resolved when evaluating, against the
        // document's registered namespaces.
        guard let made = xmlXPathCompile(xmlChars(xpath)) else { return nil }
        let entry = Entry(made, xpath)
        let kept = compiled.count < Self.capacity
        if kept { compiled[xpath] = entry }
        defer { if !kept { xmlXPathFreeCompExpr(made) } }
        return entry.result(in: context, names: names, shortcuts: shortcuts)
    }
}
