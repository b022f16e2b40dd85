/// "Did you mean …?" suggestions for misspelt keys, enum values and rule ids.
///
/// The cost is bounded whatever the input: a word longer than `maxWordLength` gets no
/// suggestion, a candidate whose length alone rules it out is not compared, and a comparison
/// stops as soon as it cannot beat the best distance so far (a banded Levenshtein).
enum Spelling {
    /// Keys, enum values and rule ids are far shorter; a longer word is not a typo of one.
    static let maxWordLength = 64

    /// The candidate closest to `word` by edit distance (case-insensitive), if it is close
    /// enough to be a plausible typo: `passthru` → `passthrough`, `domain-vmport-of` →
    /// `domain-vmport-off`, but `foo` suggests nothing for `platform`.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        guard word.unicodeScalars.count <= maxWordLength else { return nil }
        let lowered = Array(word.lowercased())
        var best: (candidate: String, distance: Int)?
        var work = 0
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            guard other.count <= maxWordLength else { continue }
            // About one edit in three characters, plus a prefix of at least four letters
            // (`bootInteg` → `bootIntegrity`), is what people actually mistype.
            let isPrefix = lowered.count >= 4 && other.starts(with: lowered)
            let plausible = (max(lowered.count, other.count) + 2) / 3
            var limit = isPrefix ? max(lowered.count, other.count) : plausible
            if let best { limit = min(limit, best.distance - 1) }
            guard limit >= 0, let distance = editDistance(lowered, other, limit: limit, work: &work) else { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// ` (did you mean 'x'?)`, or an empty string when nothing is close.
    static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance: insertions, deletions and substitutions each cost one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        var work = 0
        return editDistance(Array(a), Array(b), limit: max(a.count, b.count), work: &work)!
    }

    /// `editDistance` when it is at most `limit`, else nil. Only the cells within `limit` of the
    /// diagonal are computed, and the walk stops at a row whose every cell is over `limit`;
    /// `work` counts the cells computed, for tests of the bound.
    static func editDistance(_ a: String, _ b: String, limit: Int, work: inout Int) -> Int? {
        editDistance(Array(a), Array(b), limit: limit, work: &work)
    }

    static func editDistance(_ a: [Character], _ b: [Character], limit: Int, work: inout Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let over = limit + 1
        var previous = (0...b.count).map { min($0, over) }
        var current = [Int](repeating: over, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            current[0] = min(i, over)
            if low > 1 { current[low - 1] = over }
            var rowMinimum = current[0]
            for j in low...high {
                work += 1
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution, over)
                rowMinimum = min(rowMinimum, current[j])
            }
            if high < b.count { current[high + 1] = over }
            guard rowMinimum <= limit else { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
