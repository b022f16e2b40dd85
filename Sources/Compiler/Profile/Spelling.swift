/// "Did you mean …?" suggestions for misspelt keys, enum values and rule ids.
enum Spelling {
    /// The candidate closest to `word` by edit distance (case-insensitive), if it is close
    /// enough to be a plausible typo: `passthru` → `passthrough`, `domain-vmport-of` →
    /// `domain-vmport-off`, but `foo` suggests nothing for `platform`.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let longer = max(lowered.count, best.candidate.count)
        // About one edit in three characters, plus a prefix of at least four letters
        // (`bootInteg` → `bootIntegrity`), is what people actually mistype.
        let plausible = best.distance * 3 <= longer + 2
            || (lowered.count >= 4 && best.candidate.lowercased().hasPrefix(lowered))
        return plausible ? best.candidate : nil
    }

    /// ` (did you mean 'x'?)`, or an empty string when nothing is close.
    static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance: insertions, deletions and substitutions each cost one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
