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
        /// The key inserted for a start that is no mid-sentence capital: no question asks it (a
        /// question's key is a token's byte hash with a mark; that one equals this is a 2^-64 event,
        /// as for `HashKeys.zeroKey`).
        static let unusedKey: UInt64 = 0xD6E8_FEB8_6659_FD93
        /// The filter's size in 64-bit words (128: 8192 bits; a hash's top 13 bits pick one).
        static let filterWords = 128

        /// The start words collected here (tests; `recognize` passes the ones it has).
        init(_ tokens: [Token], lex: LanguageLexicon? = nil, scratch: Scratch? = nil) {
            let starts = tokens.withUnsafeBufferPointer { tb in
                Candidates.collect(tb.count) { k in
                    Candidates.bit(tb[k].kind == .word) & (Candidates.bit(tb[k].isCapitalized) | Candidates.bit(tb[k].hasHyphen)) != 0
                }
            }
            let list = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, starts.count))
            defer { list.deallocate() }
            _ = list.initialize(from: starts)
            self.init(tokens, starts: UnsafeBufferPointer(rebasing: list[0..<starts.count]), lex: lex, scratch: scratch)
        }

        /// - Parameter starts: every word token that is capitalised or has a hyphen, and no other
        ///   (`TokenFacts.entityStarts`).
        ///
        /// - Parameter lex: when given, its stopwords are left out of the filter: every rule asks
        ///   `lowerSeen` only after `lex.has(t, stopword)` said no, so `lowerSeen` answers like a scan
        ///   for every word but a stopword of `lex`. (The sentence-initial "De", "The", "Die" made ~57
        ///   lower-case insertions per 4 KB article, one per "de", "the", "die"; a 4 KB article asks
        ///   ~40 lower-case questions, about one answered yes.)
        ///
        /// The capitalised keys come from the start list (every capitalised word is a start). The
        /// lower-case keys take one pass over all tokens that tests the filter first, on the hash
        /// alone, and looks at the token's class only on a hit. The filter's bit is the hash's top
        /// 13 bits: `ByteHash` ends in a multiply whose high half is well mixed. (Measured and
        /// rejected: the filter bits and the capitalised keys in one walk of the starts, the stopword
        /// test inside the key closure: DocumentWords.init 14.3 k -> 14.6 k instructions per article.)
        init(_ tokens: [Token], starts: UnsafeBufferPointer<Int32>, lex: LanguageLexicon? = nil, scratch: Scratch? = nil) {
            var keys = HashKeys(maxKeys: tokens.count, scratch: scratch, block: .documentWords)
            let capitalMark = Self.marks.capitalMid, lowerMark = Self.marks.lower
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.filterWords) { filterBuffer in
                guard let filter = filterBuffer.baseAddress else { return }
                filter.initialize(repeating: 0, count: Self.filterWords)
                tokens.withUnsafeBufferPointer { tb in
                    guard let base = tb.baseAddress else { return }
                    // Two loops: one loop asking `if let lex` per start was +0.3 k instructions per article.
                    if let lex {
                        // A stopword's bit masked off rather than branched around (whether a start is a
                        // stopword is as unpredictable as the text: ~28 mispredicted per corpus article).
                        for s in starts {
                            let t = base[Int(s)]
                            let q = t.lowerHash &>> 51
                            filter[Int(q &>> 6)] |= 1 &<< (q & 63) & UInt64(Candidates.mask(!lex.has(t, LanguageLexicon.stopword)))
                        }
                    } else {
                        for s in starts {
                            let q = base[Int(s)].lowerHash &>> 51
                            filter[Int(q &>> 6)] |= 1 &<< (q & 63)
                        }
                    }
                    // Every start is inserted, a start that is no mid-sentence capital as `unused`, with
                    // no branch on which: sentence starts and hyphenated lower-case words are a third
                    // of the starts, unpredictably (the branch mispredicted ~45 times per corpus article).
                    let unused = Self.unusedKey
                    keys.insertAll(count: starts.count) { j in
                        let t = base[Int(starts[j])]
                        let m = Candidates.mask(t.isCapitalized && !t.sentenceStart)
                        return (t.exactHash ^ capitalMark) & UInt64(m) | unused & ~UInt64(m)
                    }
                    // Walked by pointer: an index scaled by the token size was two more instructions a token.
                    var p = base
                    let end = base + tb.count
                    while p < end {
                        let h = p.pointee.exactHash
                        let q = h &>> 51
                        if filter[Int(q &>> 6)] &>> (q & 63) & 1 != 0, p.pointee.kind == .word, !p.pointee.isCapitalized {
                            keys.insertBranchless(h ^ lowerMark)
                        }
                        p += 1
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
