/// Numbers with what they measure: "300.000 mensen", "1100 kilometer", "1,5 miljard euro".
struct QuantityExtractor: Sendable {
    let data: TaggerData

    static let currencySymbols: [UInt64] = ["€", "$", "£"].map(ByteHash.hash)
    /// Bit `hash & 63` of each symbol's hash: one test rules out most tokens before a number
    /// (searching the list was ~26 instructions per number, ~25 numbers per article).
    static let currencyBits: UInt64 = currencySymbols.reduce(0) { $0 | 1 &<< ($1 & 63) }
    static let percent = ByteHash.hash("%")

    /// - Parameter starts: the tokens a quantity can start at (`TokenFacts.quantityStarts`: numbers and
    ///   every token with the number flag); collected here when nil.
    func extract(_ doc: TokenizedText, language: String, lex: LanguageLexicon, consumed: ConsumedTokens,
                 starts given: UnsafeBufferPointer<Int32>? = nil) -> [Quantity] {
        guard let starts = given else {
            // Only numbers and number words start a quantity.
            let list = Candidates.numbersAndFlagged(doc.tokens, flagged: LanguageLexicon.number, in: lex)
            return list.withUnsafeBufferPointer { extract(doc, language: language, lex: lex, consumed: consumed, starts: $0) }
        }
        let tokens = doc.tokens
        var out: [Quantity] = []
        let n = tokens.count
        var i = 0
        // Room for the likely results up front: growing the array by appends reallocated it.
        out.reserveCapacity(min(starts.count, 32))
        var cursor = 0
        // Read once, not per number: each read of a static let is a call to check its initialisation.
        let currencySymbols = Self.currencySymbols, currencyBits = Self.currencyBits, percent = Self.percent
        let english = language == "en"
        while i < n {
            guard let next = Candidates.next(starts, &cursor, from: i) else { break }
            i = next
            let t = tokens[i]
            guard !consumed.contains(i) else { i += 1; continue }
            var value: Double?
            var start = i
            if t.kind == .number {
                value = doc.intValue(i).map(Double.init) ?? number(doc, i, english: english)
                // A four-digit year-like number without a unit is left to the date extractor.
            } else if t.kind == .word, lex.has(t, LanguageLexicon.number), let v = lex.numbers[t.id], v >= 2 {
                value = v
            }
            guard var v = value else { i += 1; continue }
            // Currency symbol before the number: "€ 5", "$3".
            if i >= 1, currencyBits &>> (tokens[i - 1].exactHash & 63) & 1 != 0, currencySymbols.contains(tokens[i - 1].exactHash) {
                start = i - 1
            }
            var end = i + 1
            // A multiplier is a listed one or a number word (then listed as a start): the call, with
            // its look-ups, only then (after every number it was ~1.2 k instructions per article).
            let nextListed = cursor + 1 < starts.count ? Int(starts[cursor + 1]) : -1
            if end < n, !consumed.contains(end),
               nextListed == end || data.wordFlags(tokens[end].id) & WordFlag.multiplier != 0,
               let mult = multiplier(tokens[end], lex: lex) {
                v *= mult
                end += 1
            }
            // The unit token and the counted words (`counted`: empty when none), turned into
            // strings only for a quantity that is kept (bare years are most numbers and are not).
            var unitToken = start < i ? start : -1
            var counted = end..<end
            if end < n, !consumed.contains(end) {
                let u = tokens[end]
                if data.wordFlags(u.id) & WordFlag.unit != 0 || u.exactHash == percent {
                    unitToken = end
                    end += 1
                } else if u.kind == .word, !u.isCapitalized, !lex.has(u, LanguageLexicon.stopword) {
                    var k = end
                    while k < n, k - end < 3, tokens[k].kind == .word, !tokens[k].isCapitalized,
                          !lex.has(tokens[k], LanguageLexicon.stopword | LanguageLexicon.quoteVerb) {
                        k += 1
                    }
                    counted = end..<k
                }
            }
            let hasUnit = unitToken >= 0
            let isBareYear = t.kind == .number && t.end - t.start == 4 && !hasUnit && (1800...2100).contains(doc.intValue(i) ?? 0)
            let isSmallWord = t.kind == .word && !hasUnit && counted.isEmpty
            if !isBareYear && !isSmallWord {
                out.append(Quantity(text: doc.join(start, end), range: tokens[start].start..<tokens[end - 1].end, value: v,
                                    unit: hasUnit ? doc.text(unitToken) : nil,
                                    counted: counted.isEmpty ? nil : doc.join(counted.lowerBound, counted.upperBound)))
            }
            i = end
        }
        return out
    }

    func multiplier(_ t: Token, lex: LanguageLexicon) -> Double? {
        if data.wordFlags(t.id) & WordFlag.multiplier != 0, let m = data.multipliers[t.id] { return m }
        if lex.has(t, LanguageLexicon.number), let v = lex.numbers[t.id], v >= 1000 { return v }
        return nil
    }

    /// The value of number token `i`: `parseNumber` computed on the bytes when the token is ASCII
    /// digits and separators with at most 15 digits (then p / 10^k with p < 2^53 and k ≤ 15 is one
    /// correctly rounded division, the same Double `Double(String)` returns); otherwise the String path.
    func number(_ doc: TokenizedText, _ i: Int, english: Bool) -> Double? {
        let t = doc.tokens[i]
        let fast: NumberParse = doc.bytes.withUnsafeBufferPointer { b in
            Self.parseASCIINumber(UnsafeBufferPointer(rebasing: b[t.start..<t.end]), english: english)
        }
        switch fast {
        case .value(let v): return v
        case .invalid: return nil
        case .general: return parseNumber(doc.text(i), language: english ? "en" : "")
        }
    }

    enum NumberParse: Equatable { case value(Double), invalid, general }

    static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// `parseNumber`'s rules over ASCII bytes; `.general` when the token needs the String path.
    static func parseASCIINumber(_ b: UnsafeBufferPointer<UInt8>, english: Bool) -> NumberParse {
        var dots = 0, commas = 0, lastDot = -1, lastComma = -1
        for k in 0..<b.count {
            switch b[k] {
            case 0x30...0x39: continue
            case 0x2E: dots += 1; lastDot = k
            case 0x2C: commas += 1; lastComma = k
            default: return .general
            }
        }
        guard b.count > 0 else { return .general }
        // Byte index of the decimal separator (-1: none); other separators group thousands.
        var point = -1
        if dots > 0 && commas > 0 {
            if lastDot > lastComma {
                guard dots == 1 else { return .invalid }
                point = lastDot
            } else {
                guard commas == 1 else { return .invalid }
                point = lastComma
            }
        } else if dots > 0 || commas > 0 {
            let sep: UInt8 = dots > 0 ? 0x2E : 0x2C
            let groups = dots + commas + 1
            var thousands = (sep == 0x2E && !english) || (sep == 0x2C && english) || groups > 2
            if thousands {
                // Every group after the first has exactly three digits.
                var run = -1
                for k in 0..<b.count {
                    if b[k] == sep {
                        if run >= 0 && run != 3 { thousands = false; break }
                        run = 0
                    } else if run >= 0 {
                        run += 1
                    }
                }
                if run != 3 { thousands = false }
            }
            if !thousands {
                guard groups == 2 else { return .invalid }
                point = dots > 0 ? lastDot : lastComma
            }
        }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        for k in 0..<b.count {
            let c = b[k]
            guard c >= 0x30 && c <= 0x39 else { continue }
            digits += 1
            // Past 15 digits a Double is no longer exact (and 20 would overflow the mantissa):
            // the general parser decides.
            guard digits <= 15 else { return .general }
            if point >= 0 && k > point { fraction += 1 }
            mantissa = mantissa * 10 + UInt64(c - 0x30)
        }
        return .value(Double(mantissa) / powersOfTen[fraction])
    }

    /// "300.000" (nl/de/fr: dot groups thousands), "1,5" (decimal comma), "1,234.5" (English).
    func parseNumber(_ s: String, language: String) -> Double? {
        let english = language == "en"
        var digits = ""
        let hasDot = s.contains("."), hasComma = s.contains(",")
        if hasDot && hasComma, let lastDot = s.lastIndex(of: "."), let lastComma = s.lastIndex(of: ",") {
            let decimal: Character = lastDot > lastComma ? "." : ","
            for ch in s { if ch == decimal { digits.append(".") } else if ch.isNumber { digits.append(ch) } }
        } else if hasDot || hasComma {
            let sep: Character = hasDot ? "." : ","
            let groups = s.split(separator: sep)
            let thousands = groups.count > 1 && groups.dropFirst().allSatisfy { $0.count == 3 }
                && ((sep == "." && !english) || (sep == "," && english) || groups.count > 2)
            for ch in s {
                if ch == sep { if !thousands { digits.append(".") } } else { digits.append(ch) }
            }
        } else {
            digits = s
        }
        return Double(digits)
    }
}
