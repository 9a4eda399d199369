/// Part of `Tokenizer` (Tokenizer.swift): the words the scan's first 8/16-byte blocks do not finish.
extension Tokenizer {
    /// A word `finishWord` completed: where it ends (input, lower-cased text), and its hashes,
    /// classes and bits as `foldToken` gives them (`.hyphen` and `.dot` added; an ASCII word's
    /// `classes` hold every `ByteClass` bit its bytes had).
    struct FinishedWord {
        var end: Int
        var lowerEnd: Int
        /// Digits only (before any letter): a number token.
        var isNumber: Bool
        var word: Folded
    }

    /// Scans the rest of the word begun at `start` (`b[start..<i]` read, lower-cased up to `out`;
    /// `seen`: the classes so far; `slow`: a non-ASCII byte met): longer words, words with joiners
    /// ("CD&V", "300.000", "video’s") and words with non-ASCII bytes, which are folded scalar by
    /// scalar (`foldToken`). Kept out of `ruleStep`'s short-word path, which keeps more of its
    /// state in registers without this code.
    @inline(never)
    static func finishWord(_ b: UnsafeBufferPointer<UInt8>, _ lb: UnsafeMutableBufferPointer<UInt8>, _ capacity: Int,
                           start: Int, lowerStart: Int, at i0: Int, lowerAt out0: Int,
                           cc0: UInt8, seen seen0: UInt8, slow slow0: Bool) -> FinishedWord {
        let n = b.count
        guard let bBase = b.baseAddress, let lBase = lb.baseAddress else {
            return FinishedWord(end: i0, lowerEnd: out0, isNumber: false,
                                word: Folded(exactHash: 0, lowerHash: 0, scalars: 0, classes: 0, bits: 0))
        }
        let tables = ByteTableStorage.shared
        let cls = tables.byteClass
        let lowerTable = tables.lower
        var i = i0, out = out0, seen = seen0, slow = slow0
        var bits: UInt8 = 0
        // ASCII letters and digits: lower-cased as they are scanned, 8 bytes at a time while 8
        // remain (most words end inside the first block: no branch per byte), then byte by byte.
        scan: while !slow {
            while i &+ 8 <= n {
                let block = AsciiBlock(ByteHash.load(bBase + i))
                UnsafeMutableRawPointer(lBase + out).storeBytes(of: block.lowercased.littleEndian, as: UInt64.self)
                seen |= block.classes
                out &+= block.run
                i &+= block.run
                if block.run < 8 { break }
            }
            while i < n {
                let c = b[i]
                let cc = cls[Int(c)]
                guard cc & (ByteClass.word | ByteClass.nonASCII) == ByteClass.word else { break }
                seen |= cc
                let l = lowerTable[Int(c)]
                lb[out] = l
                out += 1
                i += 1
            }
            guard i < n else { break }
            let c = b[i]
            let cc = cls[Int(c)]
            if cc & ByteClass.nonASCII != 0 {
                slow = true
                break
            }
            guard cc & (ByteClass.joiner | ByteClass.numberJoiner) != 0, i + 1 < n,
                  joins(b, i, cc, cc0, seen) else { break }
            if c == 0x2D { bits |= Token.Bit.hyphen } else if c == 0x2E { bits |= Token.Bit.dot }
            lb[out] = c
            out += 1
            i += 1
        }
        // Words with non-ASCII bytes: find the end here, fold them in `foldToken` below.
        if slow {
            while i < n {
                let c = b[i]
                let cc = cls[Int(c)]
                if cc & ByteClass.word != 0 {
                    if cc & ByteClass.nonASCII != 0, punctLength(b, i) > 0 {
                        // Apostrophe ’ between letters stays in the word ("video’s").
                        let isWord = cc0 & ByteClass.digit == 0 || seen & (ByteClass.upper | ByteClass.lower) != 0
                        if c == 0xE2, b[i + 2] == 0x99, i + 3 < n, isWordByte(b[i + 3]), isWord {
                            i += 3
                            continue
                        }
                        break
                    }
                    seen |= cc
                    i += 1
                    continue
                }
                guard cc & (ByteClass.joiner | ByteClass.numberJoiner) != 0, i + 1 < n,
                      joins(b, i, cc, cc0, seen) else { break }
                if c == 0x2D { bits |= Token.Bit.hyphen } else if c == 0x2E { bits |= Token.Bit.dot }
                i += 1
            }
        }
        let isNumber = cc0 & ByteClass.digit != 0 && seen & (ByteClass.upper | ByteClass.lower) == 0
        var word: Folded
        if slow {
            out = lowerStart
            word = foldToken(b, start, i, lb, &out, capacity)
        } else {
            let (eh, lh) = ByteHash.hashASCIIWord(bBase, start, i, readable: n)
            word = Folded(exactHash: eh, lowerHash: lh, scalars: i &- start, classes: seen,
                          bits: ((cc0 & ByteClass.upper) >> 2) &* Token.Bit.capitalized)
        }
        word.bits |= bits
        return FinishedWord(end: i, lowerEnd: out, isNumber: isNumber, word: word)
    }
}
