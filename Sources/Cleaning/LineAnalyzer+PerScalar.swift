/// Part of `LineAnalyzer` (LineAnalyzer.swift): the per-scalar rules, for what the bitmap paths hand over and as their test reference.
extension LineAnalyzer {
    /// The per-scalar rules alone, for the whole line: the reference the bitmap path is tested
    /// against.
    static func analyzeByScalars(
        _ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, tokens out: UnsafeMutablePointer<UInt64>, firstToken: Int
    ) -> LineShape {
        var scan = Scan(count: firstToken)
        var i = start
        while i < end {
            let b = p[i]
            if b < 0x80, b != 0x27, !isASCIIWord(b) {
                if b != 0x20, isListSeparator(UInt32(b), afterSpace: i == start || p[i - 1] == 0x20) { scan.separators += 1 }
                i += 1
            } else {
                i = scanRun(p, from: i, start: start, end: end, scan: &scan, out: out)
            }
        }
        return shape(scan, p, start: start, end: end, firstToken: firstToken)
    }

    /// The per-scalar rules, from `from` up to the next ASCII byte that is neither a letter, a
    /// digit nor an apostrophe (outside a word), or `end`; returns where it stopped.
    /// Every scalar of a line from U+0300 comes here (the bitmap paths take only leads C2-C5
    /// and the punctuation U+2002-203F, `settleFlags`, all NFC-stable), so this is where the
    /// fused pass learns whether the text may not be NFC (`Scan.notNFCStable`).
    /// Words may contain an apostrophe ("don't", "l'homme") only when a word character
    /// follows it directly; Han and kana count per character; non-ASCII list separators count.
    @inline(never)
    static func scanRun(
        _ p: UnsafeBufferPointer<UInt8>, from: Int, start: Int, end: Int, scan: inout Scan, out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        // The table's base once per call: reading the global per scalar costs a lazy-initialisation check.
        twoByteInfo.withUnsafeBufferPointer { table in
            guard let info = table.baseAddress, let base = p.baseAddress else { return end }
            let n = p.count
            var i = from
            while i < end {
                let b = p[i]
                if b < 0x80 {
                    if !isASCIIWord(b) {
                        if b != 0x27 { return i }
                        i += 1  // an apostrophe outside a word separates
                        continue
                    }
                } else {
                    let (v, length) = decodeScalar(p, i)
                    let entry = v < 0x800 ? info[Int(v)] : 0
                    if notNFCStable(v, entry: entry) { scan.notNFCStable = true }
                    switch v < 0x800 ? kind(entry >> 24) : classifyByRanges(v) {
                    case .word:
                        break
                    case .cjk:
                        scan.cjk += 1
                        scan.fingerprint = (scan.fingerprint ^ UInt64(v)) &* fingerprintPrime
                        i += length
                        continue
                    case .separator:
                        if isListSeparator(v, afterSpace: i == start || p[i - 1] == 0x20) { scan.separators += 1 }
                        i += length
                        continue
                    case .apostrophe:
                        i += length
                        continue
                    }
                }
                // One word token, starting at `i`.
                var hasher = TokenHasher()
                var allDigits = true
                while i < end {
                    let c = p[i]
                    if c < 0x80 {
                        if isASCIIWord(c) {
                            // Up to eight ASCII letters and digits at once.
                            let w = load8(base, i, n)
                            let run = min(asciiWordPrefix(w), end &- i)
                            let folded = (w | 0x2020_2020_2020_2020) & (UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* run))
                            hasher.append(folded, count: run)
                            if folded & 0x4040_4040_4040_4040 != 0 { allDigits = false }  // a letter
                            i &+= run
                        } else if c == 0x27, wordFollows(p, i + 1, end, info) {
                            hasher.append(0x27, count: 1)
                            i += 1
                        } else {
                            break
                        }
                    } else {
                        let (u, n) = decodeScalar(p, i)
                        // Two-byte scalars: kind, fold and NFC stability from one table entry.
                        let entry = u < 0x800 ? info[Int(u)] : 0
                        if notNFCStable(u, entry: entry) { scan.notNFCStable = true }
                        let kind = u < 0x800 ? Self.kind(entry >> 24) : classifyByRanges(u)
                        if kind == .word {
                            hasher.appendScalar(u < 0x800 ? entry & 0xFF_FFFF : fold(u))
                            allDigits = false
                            i += n
                        } else if kind == .apostrophe, wordFollows(p, i + n, end, info) {
                            hasher.append(0x27, count: 1)
                            i += n
                        } else {
                            break
                        }
                    }
                }
                scan.token(hasher.finish(), digitsOnly: allDigits, into: out)
            }
            return i
        }
    }
}
