/// The tokens the date extractor took, which the quantity extractor then skips: per token a stamp
/// in a `Scratch` block, the token taken when it holds this article's stamp (`Scratch.stamped`), so
/// the block is neither allocated nor cleared per article. (A Bool array per article cost an
/// allocation and its fill, ~1.5 k instructions per 4 KB article, for the few tokens it marked; a
/// list of token ranges cost more, in its appends and look-ups.)
struct ConsumedTokens {
    private let marks: UnsafeMutablePointer<UInt32>
    private let stamp: UInt32
    let count: Int

    /// For tokens 0..<count, none taken yet. Blocks in use at the same time must differ.
    init(count: Int, scratch: Scratch, block: Scratch.Block = .consumedTokens) {
        (marks, stamp) = scratch.stamped(block, UInt32.self, count: count)
        self.count = count
    }

    /// Marks the tokens `r` (within 0..<count) as taken.
    func insert(_ r: Range<Int>) {
        for k in r { marks[k] = stamp }
    }

    /// Whether token `k` (in 0..<count) was taken.
    @inline(__always)
    func contains(_ k: Int) -> Bool { marks[k] == stamp }
}

/// Publication date as given by the caller ("2022-10", "2022-10-15", "2022-10-15T08:00:00Z").
struct ReferenceDate: Sendable {
    var year: Int
    var month: Int?
    var day: Int?

    init?(_ s: String?) {
        guard let s else { return nil }
        if let parsed = Self.parseASCII(s) {
            guard let y = parsed.year, y > 1000 else { return nil }
            year = y
            month = parsed.month
            day = parsed.day
            return
        }
        let parts = s.prefix(10).split(separator: "-")
        guard let y = parts.first.flatMap({ Int($0) }), y > 1000 else { return nil }
        year = y
        month = parts.count > 1 ? Int(parts[1]) : nil
        day = parts.count > 2 ? Int(parts[2]) : nil
    }
}

extension ReferenceDate {
    /// The String path's `prefix(10).split("-")` and `Int(_:)` over bytes, for the usual all-ASCII
    /// timestamp (then the first ten Characters are the first ten bytes, unless a CR is among them).
    /// nil when that path is needed; a nil field where `Int(_:)` fails or the part is missing.
    /// The bytes and the parts stay on the stack (two heap arrays per article before, ~3k
    /// instructions with the parts' regrowth).
    static func parseASCII(_ s: String) -> (year: Int?, month: Int?, day: Int?)? {
        // A native String's bytes are read in place: iterating its UTF-8 view cost ~900
        // instructions per article, more than the parse.
        if let parsed = s.utf8.withContiguousStorageIfAvailable({ parseASCII(head: UnsafeBufferPointer(rebasing: $0.prefix(11))) }) {
            return parsed
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 11) { head -> (year: Int?, month: Int?, day: Int?)? in
            var n = 0
            for c in s.utf8 {
                if n == 11 { break }
                head[n] = c
                n += 1
            }
            return parseASCII(head: UnsafeBufferPointer(rebasing: head[0..<n]))
        }
    }

    /// `parseASCII` given the String's first (up to) 11 bytes.
    static func parseASCII(head: UnsafeBufferPointer<UInt8>) -> (year: Int?, month: Int?, day: Int?)? {
        for c in head {
            guard c < 0x80, c != 0x0D else { return nil }
        }
        let bytes = UnsafeBufferPointer(rebasing: head[0..<min(head.count, 10)])
        var parts: (Int?, Int?, Int?) = (nil, nil, nil)
        var found = 0
        var k = 0
        while k < bytes.count {
            if bytes[k] == 0x2D { k += 1; continue }
            let start = k
            while k < bytes.count, bytes[k] != 0x2D { k += 1 }
            let value = integer(UnsafeBufferPointer(rebasing: bytes[start..<k]))
            switch found {
            case 0: parts.0 = value
            case 1: parts.1 = value
            default: parts.2 = value
            }
            found += 1
            if found == 3 { break }
        }
        return parts
    }

    /// `Int(String)` for at most ten ASCII bytes: optional sign, then one or more digits.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = 0
        var negative = false
        if k < b.count, b[k] == 0x2B || b[k] == 0x2D {
            negative = b[k] == 0x2D
            k += 1
        }
        guard k < b.count else { return nil }
        var v = 0
        while k < b.count {
            let c = b[k]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
            k += 1
        }
        return negative ? -v : v
    }
}

/// Finds date expressions and resolves them against the publication date (news refers to the past
/// more often than the future, so an unqualified "24 februari" in October means this February).
struct DateExtractor: Sendable {
    static let yearPrepositions: [String] = ["in", "sinds", "sedert", "tot", "vanaf", "since", "by", "until", "im", "seit", "bis", "en", "depuis", "desde", "dal", "nel", "jaar", "year", "jahr", "année", "begin", "eind", "medio"]
    /// Month names that are also common words: they need a part word, a year or a capital.
    static let ambiguousMonths: [String] = ["mei", "may", "mars", "march", "mai"]

    /// - Parameter starts: the tokens a date can start at (`TokenFacts.dateStarts`: numbers and every
    ///   token with a date word's flag); collected here when nil.
    func extract(_ doc: TokenizedText, data: TaggerData, lex: LanguageLexicon, reference: ReferenceDate?,
                 consumed: ConsumedTokens, starts given: UnsafeBufferPointer<Int32>? = nil) -> [DateMention] {
        guard let starts = given else {
            // Only numbers and month, weekday or relative-day words start a date.
            let list = Candidates.numbersAndFlagged(doc.tokens, flagged: TokenFacts.dateWords, in: lex)
            return list.withUnsafeBufferPointer {
                extract(doc, data: data, lex: lex, reference: reference, consumed: consumed, starts: $0)
            }
        }
        let tokens = doc.tokens
        var out: [DateMention] = []
        let n = tokens.count
        var i = 0
        func month(_ k: Int) -> Int? { lex.has(tokens[k], LanguageLexicon.month) ? lex.months[tokens[k].id] : nil }
        func yearAt(_ k: Int, _ range: ClosedRange<Int>) -> Int? {
            guard k < n, tokens[k].kind == .number, let y = doc.intValue(k), range.contains(y) else { return nil }
            return y
        }
        // Room for the likely results up front: growing the array by appends reallocated it.
        out.reserveCapacity(min(starts.count, 32))
        var cursor = 0
        while i < n {
            guard let next = Candidates.next(starts, &cursor, from: i) else { break }
            i = next
            let t = tokens[i]
            let flags = lex.flags(t)
            // day month [year]
            // (The month after is asked before the number's value: most numbers have none, and the
            // value's parse was a call per number, ~1.5 k instructions per article. Every token with
            // the month flag is listed, so the lexicon is asked only when the next token is: asked
            // after every number, ~25 calls per article, it was ~1 k instructions.)
            let nextListed = cursor + 1 < starts.count ? Int(starts[cursor + 1]) : -1
            if t.kind == .number, nextListed == i + 1, let month = month(i + 1), let day = doc.intValue(i), (1...31).contains(day) {
                var end = i + 2
                let year = yearAt(end, 1000...2200)
                if year != nil { end += 1 }
                let y = year ?? resolveYear(month: month, day: day, reference)
                let value = y.map { isoText($0, month, day) }
                out.append(DateMention(text: doc.join(i, end), range: tokens[i].start..<tokens[end - 1].end,
                                       value: value, granularity: .day, qualifier: nil))
                consumed.insert(i..<end)
                i = end
                continue
            }
            // [part] month [year]: "eind september", "september 2021"
            if flags & LanguageLexicon.month != 0, t.kind == .word, t.length >= 3, let month = lex.months[t.id] {
                var start = i
                var qualifier: String?
                if i >= 1, lex.has(tokens[i - 1], LanguageLexicon.monthPart), let part = lex.monthParts[tokens[i - 1].id] {
                    start = i - 1
                    qualifier = part.isEmpty ? nil : part
                }
                var end = i + 1
                let year = yearAt(end, 1000...2200)
                if year != nil { end += 1 }
                let ambiguousWord = data.wordFlags(t.id) & WordFlag.ambiguousMonth != 0
                if !ambiguousWord || start < i || year != nil {
                    let y = year ?? resolveYear(month: month, day: nil, reference)
                    out.append(DateMention(text: doc.join(start, end), range: tokens[start].start..<tokens[end - 1].end,
                                           value: y.map { isoText($0, month) }, granularity: .month,
                                           qualifier: qualifier))
                    consumed.insert(start..<end)
                    i = end
                    continue
                }
            }
            if t.kind == .word {
                // weekday, optionally with a day part glued on ("zaterdagochtend")
                if flags & LanguageLexicon.weekday != 0, let (weekday, part) = lex.weekdays[t.id] {
                    out.append(DateMention(text: doc.text(i), range: t.start..<t.end,
                                           value: resolveWeekday(weekday, reference), granularity: .day, qualifier: part))
                    consumed.insert(i..<i + 1)
                    i += 1
                    continue
                }
                if flags & LanguageLexicon.relativeDay != 0, let offset = lex.relativeDays[t.id] {
                    let (value, gran) = resolveRelative(offset, reference)
                    out.append(DateMention(text: doc.text(i), range: t.start..<t.end, value: value, granularity: gran, qualifier: nil))
                    consumed.insert(i..<i + 1)
                    i += 1
                    continue
                }
            }
            // bare year after a preposition: "in 2014"
            if t.kind == .number, t.end - t.start == 4, i >= 1, data.wordFlags(tokens[i - 1].id) & WordFlag.yearPreposition != 0,
               let y = yearAt(i, 1800...2100) {
                out.append(DateMention(text: doc.text(i), range: t.start..<t.end, value: String(y), granularity: .year, qualifier: nil))
                consumed.insert(i..<i + 1)
            }
            i += 1
        }
        return out
    }

    func resolveYear(month: Int, day: Int?, _ ref: ReferenceDate?) -> Int? {
        guard let ref else { return nil }
        guard let rm = ref.month else { return ref.year }
        if month > rm { return ref.year - 1 }
        if month == rm, let d = day, let rd = ref.day, d > rd + 7 { return ref.year - 1 }
        return ref.year
    }

    func resolveWeekday(_ weekday: Int, _ ref: ReferenceDate?) -> String? {
        guard let ref, let m = ref.month, let d = ref.day else { return nil }
        let refDays = daysFromCivil(ref.year, m, d)
        let refWeekday = ((refDays % 7) + 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday (4)
        var delta = refWeekday - weekday
        if delta < 0 { delta += 7 }
        return isoDate(refDays - delta)
    }

    func resolveRelative(_ offset: Int, _ ref: ReferenceDate?) -> (String?, DateGranularity) {
        guard let ref else { return (nil, .day) }
        if let m = ref.month, let d = ref.day { return (isoDate(daysFromCivil(ref.year, m, d) + offset), .day) }
        if let m = ref.month { return (isoText(ref.year, m), .month) }
        return (String(ref.year), .year)
    }

    // Howard Hinnant's civil-date algorithms: no Foundation Calendar needed (and no time zones).
    func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    func isoDate(_ z0: Int) -> String {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return isoText(y, m, d)
    }
}

func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

/// `pad4(y) + "-" + pad2(m)` and, with a day, `+ "-" + pad2(d)`: the dates' values. Written as
/// bytes into a small String when the parts have 4, 2 and 2 digits (all real dates): the
/// concatenations and interpolations cost ~5k instructions per corpus article (~17 dates).
func isoText(_ y: Int, _ m: Int, _ d: Int? = nil) -> String {
    guard (0...9999).contains(y), (0...99).contains(m), (0...99).contains(d ?? 0) else {
        return d.map { pad4(y) + "-" + pad2(m) + "-" + pad2($0) } ?? pad4(y) + "-" + pad2(m)
    }
    let count = d == nil ? 7 : 10
    return String(unsafeUninitializedCapacity: count) { out in
        func put(_ value: Int, at start: Int, digits: Int) {
            var v = value
            for k in (start..<(start + digits)).reversed() {
                out[k] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                v /= 10
            }
        }
        put(y, at: 0, digits: 4)
        out[4] = 0x2D
        put(m, at: 5, digits: 2)
        if let d {
            out[7] = 0x2D
            put(d, at: 8, digits: 2)
        }
        return count
    }
}
func pad4(_ v: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, 4 - s.count)) + s }

