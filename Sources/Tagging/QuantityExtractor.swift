/// Numbers with what they measure: "300.000 mensen", "1100 kilometer", "1,5 miljard euro".
struct QuantityExtractor: Sendable {
    let data: TaggerData

    func extract(_ tokens: [Token], language: String, lex: LanguageLexicon, consumed: [Bool]) -> [Quantity] {
        var out: [Quantity] = []
        let n = tokens.count
        var i = 0
        while i < n {
            let t = tokens[i]
            guard !consumed[i] else { i += 1; continue }
            var value: Double?
            var start = i
            if t.kind == .number {
                value = parseNumber(t.text, language: language)
                // A four-digit year-like number without a unit is left to the date extractor.
            } else if t.kind == .word, let v = lex.numbers[t.lower], v >= 2 {
                value = v
            }
            // Currency symbol before the number: "€ 5", "$3".
            if value != nil, i >= 1, ["€", "$", "£"].contains(tokens[i - 1].text) { start = i - 1 }
            guard var v = value else { i += 1; continue }
            var end = i + 1
            if end < n, let mult = data.multipliers[tokens[end].lower] ?? lex.numbers[tokens[end].lower].flatMap({ $0 >= 1000 ? $0 : nil }),
               !consumed[end] {
                v *= mult
                end += 1
            }
            var unit: String?
            var counted: String?
            if start < i { unit = tokens[start].text }
            if end < n, !consumed[end] {
                let u = tokens[end]
                if data.units.contains(u.lower) || u.text == "%" {
                    unit = u.text
                    end += 1
                } else if u.kind == .word, !u.isCapitalized, !lex.stopwords.contains(u.lower) {
                    var k = end
                    var words: [String] = []
                    while k < n, k - end < 3, tokens[k].kind == .word, !tokens[k].isCapitalized,
                          !lex.stopwords.contains(tokens[k].lower), !lex.quoteVerbs.contains(tokens[k].lower) {
                        words.append(tokens[k].text)
                        k += 1
                    }
                    counted = words.isEmpty ? nil : words.joined(separator: " ")
                }
            }
            let isBareYear = t.kind == .number && t.text.count == 4 && unit == nil && (1800...2100).contains(Int(t.text) ?? 0)
            let isSmallWord = t.kind == .word && unit == nil && counted == nil
            if !isBareYear && !isSmallWord {
                out.append(Quantity(text: joinTokens(tokens, start, end), range: tokens[start].start..<tokens[end - 1].end,
                                    value: v, unit: unit, counted: counted))
            }
            i = end
        }
        return out
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
