/// Part of `EntityRecognizer` (EntityRecognizer.swift): the per-document word set its rules ask.
extension EntityRecognizer {
    /// Per-document facts the rules consult: capitalised forms seen mid-sentence and words seen in
    /// lower case (by byte hash). One table holds both, the key marked by the token's class.
    /// Words at a sentence start and non-words are left out: nobody asks for them, and probing
    /// for them was about a quarter of the table's cost.
    ///
    /// A lower-case word goes in only when a word that starts a mention (a capitalised word or one
    /// with a hyphen: `starts`) spells it in lower case: the start words' lower-case hashes set bits
    /// in an 8192-bit filter, which the word must hit. A plain lower-case word answers for itself;
    /// other tokens (numbers, "iPhone"), asked about rarely, are answered by a scan. Most words of
    /// a text are plain lower-case words no capitalised word spells: inserting all of them (~540 per
    /// 4 KB article, ~24 instructions each) was most of the set's cost. (Measured and rejected: the
    /// filter from every token in a branch-free pass, ~39 instructions a token; the capitalised keys
    /// from the start list and the filter's lower-case hits collected by a branch-free pass, then
    /// inserted: 16.4 k -> 20.6 k instructions per article, the branch-free test of every token
    /// costing more than this walk, which leaves non-words and capitals early.)
    struct DocumentWords: ~Copyable {
        let seen: HashKeys
        let tokens: [Token]

        /// Key marks: the class of the token a hash was seen on.
        static let marks: (lower: UInt64, capitalMid: UInt64) = (0, 0x5851_F42D_4C95_7F2D)
        /// The filter's size in 64-bit words (128: 8192 bits), and the multiplier that spreads a
        /// hash over its bits (the top 13 bits of the product pick one).
        static let filterWords = 128
        static let spread: UInt64 = 0x9E37_79B9_7F4A_7C15

        /// The start words collected here (tests; `recognize` passes the ones it has).
        init(_ tokens: [Token], scratch: Scratch? = nil) {
            let starts = tokens.withUnsafeBufferPointer { tb in
                Candidates.collect(tb.count) { k in
                    Candidates.bit(tb[k].kind == .word) & (Candidates.bit(tb[k].isCapitalized) | Candidates.bit(tb[k].hasHyphen)) != 0
                }
            }
            let list = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, starts.count))
            defer { list.deallocate() }
            _ = list.initialize(from: starts)
            self.init(tokens, starts: UnsafeBufferPointer(rebasing: list[0..<starts.count]), scratch: scratch)
        }

        /// - Parameter starts: every word token that is capitalised or has a hyphen, and no other
        ///   (`TokenFacts.entityStarts`).
        init(_ tokens: [Token], starts: UnsafeBufferPointer<Int32>, scratch: Scratch? = nil) {
            var keys = HashKeys(maxKeys: tokens.count, scratch: scratch, block: .documentWords)
            let spread = Self.spread, capitalMark = Self.marks.capitalMid, lowerMark = Self.marks.lower
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.filterWords) { filterBuffer in
                guard let filter = filterBuffer.baseAddress else { return }
                filter.initialize(repeating: 0, count: Self.filterWords)
                tokens.withUnsafeBufferPointer { tb in
                    for s in starts {
                        let q = (tb[Int(s)].lowerHash &* spread) &>> 51
                        filter[Int(q &>> 6)] |= 1 &<< (q & 63)
                    }
                    keys.insertSome(count: tb.count) { k in
                        let t = tb[k]
                        guard t.kind == .word else { return nil }
                        if t.isCapitalized { return t.sentenceStart ? nil : t.exactHash ^ capitalMark }
                        let q = (t.exactHash &* spread) &>> 51
                        return filter[Int(q &>> 6)] &>> (q & 63) & 1 != 0 ? t.exactHash ^ lowerMark : nil
                    }
                }
            }
            seen = keys
            self.tokens = tokens
        }

        /// Whether the document writes `t`'s lower-case form as a word that is not capitalised (a
        /// token's `lowerHash` equals the `exactHash` of the lower-case spelling).
        @inline(__always)
        func lowerSeen(_ t: Token) -> Bool {
            if t.kind == .word {
                if !t.isCapitalized && t.exactHash == t.lowerHash { return true }
                if t.isCapitalized || t.hasHyphen { return seen.contains(t.lowerHash ^ Self.marks.lower) }
            }
            return scanLowerSeen(t.lowerHash)
        }

        /// `lowerSeen` for a token no start word is: a scan of the tokens.
        func scanLowerSeen(_ hash: UInt64) -> Bool {
            tokens.contains { $0.kind == .word && !$0.isCapitalized && $0.exactHash == hash }
        }

        /// A capitalised form seen in mid-sentence.
        @inline(__always)
        func capitalMid(_ hash: UInt64) -> Bool { seen.contains(hash ^ Self.marks.capitalMid) }
    }
}
