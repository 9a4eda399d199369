/// Numbers with what they measure: "300.000 mensen", "1100 kilometer", "1,5 miljard euro".
struct QuantityExtractor: Sendable {
    let data: TaggerData

    static let currencySymbols: [UInt64] = ["€", "$", "£"].map(FNV.hash)
    static let percent = FNV.hash("%")

    func extract(_ doc: TokenizedText, language: String, lex: LanguageLexicon, consumed: [Bool]) -> [Quantity] {
        let tokens = doc.tokens
        var out: [Quantity] = []
        let n = tokens.count
        var i = 0
        while i < n {
            let t = tokens[i]
            guard !consumed[i] else { i += 1; continue }
            var value: Double?
            var start = i
            if t.kind == .number {
                value = doc.intValue(i).map(Double.init) ?? parseNumber(doc.text(i), language: language)
                // A four-digit year-like number without a unit is left to the date extractor.
            } else if t.kind == .word, lex.has(t, LanguageLexicon.number), let v = lex.numbers[t.id], v >= 2 {
                value = v
            }
            guard var v = value else { i += 1; continue }
            // Currency symbol before the number: "€ 5", "$3".
            if i >= 1, Self.currencySymbols.contains(tokens[i - 1].exactHash) { start = i - 1 }
            var end = i + 1
            if end < n, !consumed[end], let mult = multiplier(tokens[end], lex: lex) {
                v *= mult
                end += 1
            }
            var unit: String?
            var counted: String?
            if start < i { unit = doc.text(start) }
            if end < n, !consumed[end] {
                let u = tokens[end]
                if data.wordFlags(u.id) & WordFlag.unit != 0 || u.exactHash == Self.percent {
                    unit = doc.text(end)
                    end += 1
                } else if u.kind == .word, !u.isCapitalized, !lex.has(u, LanguageLexicon.stopword) {
                    var k = end
                    while k < n, k - end < 3, tokens[k].kind == .word, !tokens[k].isCapitalized,
                          !lex.has(tokens[k], LanguageLexicon.stopword | LanguageLexicon.quoteVerb) {
                        k += 1
                    }
                    counted = k == end ? nil : doc.join(end, k)
                }
            }
            let isBareYear = t.kind == .number && t.end - t.start == 4 && unit == nil && (1800...2100).contains(doc.intValue(i) ?? 0)
            let isSmallWord = t.kind == .word && unit == nil && counted == nil
            if !isBareYear && !isSmallWord {
                out.append(Quantity(text: doc.join(start, end), range: tokens[start].start..<tokens[end - 1].end,
                                    value: v, unit: unit, counted: counted))
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
