import Testing
@testable import Tagging

/// The byte-table tokenizer and the hash-keyed grouping must reproduce the straightforward versions.
@Suite struct FastPathTests {
    static let samples: [String] = [
        ",,Er zijn 300.000 mensen”, zei hij. De video’s van CD&V-voorzitter Jan Peumans (Bel) kwamen 16e.",
        "ÉLYSÉE — Präsident İstanbul Œuvre straße ÀÉÎÕÜ ĲSSELMEER «Bonjour» ‹oui› „Guten Tag“ Ελλάδα МОСКВА Київ",
        "Mixed\u{00A0}spaces\u{2009}and\u{200B}zero\tw\r\nlines 3,5% €5 $3 1,234.5 l'Oréal rock'n'roll ’s avonds",
        "trailing dash- and ,,", "", "A", "É",
        // A word ending right before a last joiner or separator, inside the first 16 bytes.
        "abcdefghijklmno,", "abcdefghijklmn-", "x abcdefghijklm'", "1234567890123.", "Ab12345678901,5", "\u{FFFD}\u{10348} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 emoji 🙂 Kelvin \u{212A} sign",
        // Words that switch between the ASCII fast path and the scalar path mid-token.
        "3é 12’s x’y café-Éclair ÀB-dossier Oekraïne-crisis NAVO-top 1.5ÀB 2,5 3.000,5 «x» ‹y› … — – A.B. 'n &x -",
        // More tokens than bytes/3 + 64: the tokenizer's second pass with room for one token per byte.
        String(repeating: "a;B.", count: 120) + String(repeating: "(1)", count: 50),
        "Ünïcode\u{00A0}glued İİ ıI \u{0130}stanbul ĲSSEL ß ẞ Ǆemal \u{80}\u{C3} broken \u{E2}\u{80}",
    ]

    @Test(arguments: samples)
    func tokenizerMatchesReference(_ text: String) throws {
        try expectTokenizerMatchesReference(text)
    }

    @Test(arguments: samples)
    func joinHelpersAgree(_ text: String) {
        let doc = Tokenizer.tokenize(text)
        for a in 0..<doc.count {
            for b in (a + 1)...min(doc.count, a + 4) {
                let s = doc.join(a, b)
                // join makes its String without validating the bytes again: the reference decodes them.
                var joined: [UInt8] = []
                for k in a..<b {
                    if k > a, doc.tokens[k].spaceBefore || doc.tokens[k].newlineBefore { joined.append(0x20) }
                    joined += doc.bytes[doc.tokens[k].start..<doc.tokens[k].end]
                }
                #expect(s == String(decoding: joined, as: UTF8.self))
                #expect(ByteHash.hash(s) == doc.joinHash(a, b))
                #expect(s.unicodeScalars.count == doc.joinLength(a, b))
                // joinLower writes into the String's storage: the lower-cased forms joined by spaces.
                #expect(doc.joinLower(a, b) == (a..<b).map(doc.lowerText).joined(separator: " "))
            }
            #expect(doc.joinLower(a, a).isEmpty)
        }
    }

    /// The literal the record writer takes for an entity type is its raw value.
    @Test func entityTypeCodesAreRawValues() {
        for type in EntityType.allCases { #expect(type.code.description == type.rawValue) }
    }
}

/// Generic name rules: cue nouns, sports abbreviations, conjunctions and acronyms.
@Suite struct NameRuleTests {
    func entities(_ text: String) throws -> [ExpandedEntity] {
        try #require(sharedTagger).tag(text: text, language: "nl").expandedEntities
    }

    func type(of name: String, in text: String) throws -> EntityType? {
        try entities(text).first { $0.name == name || $0.surfaceForms.contains(name) }?.type
    }

    @Test func cueNounTypesTheNameAfterIt() throws {
        #expect(try type(of: "Zorvex", in: "Gisteren kondigde het softwarebedrijf Zorvex ontslagen aan.") == .organization)
        #expect(try type(of: "Kwalmers", in: "Volgens oud-premier Kwalmers was dat een vergissing.") == .person)
    }

    @Test func countryAbbreviationInParentheses() throws {
        #expect(try type(of: "Fra", in: "1. Jan Pieters (Fra) 4 u. 12 min. 2. Luc Wouters (Ita) op 3 sec.") == .location)
        #expect(try type(of: "Ita", in: "1. Jan Pieters (Fra) 4 u. 12 min. 2. Luc Wouters (Ita) op 3 sec.") == .location)
    }

    @Test func conjunctionAndAcronymSplitNames() throws {
        let e = try entities("Volgens Leo Pardon van de NMBS is het akkoord tussen Zorvex en Quintara rond.")
        #expect(e.contains { $0.name == "Leo Pardon" })
        #expect(e.contains { $0.name == "NMBS" && $0.type == .organization })
        #expect(!e.contains { $0.name.contains(" en ") })
    }

    @Test func nameTakesShortNumber() throws {
        #expect(try entities("Het programma loopt op Radio 1 en op Kanaal 2.").contains { $0.name == "Radio 1" })
    }
}

/// The byte-level number parser must agree with the String-based `parseNumber` it short-cuts.
@Suite struct NumberParseTests {
    static let numbers: [String] = [
        "0", "7", "300.000", "300.000.000", "1,5", "1,25", "1.5", "1,234.5", "1.234,5", "1,234", "1,234,567",
        "12.34", "12.3456", "1.2.3", "1,2,3", "1.2,3.4", "1,2.3,4", "000123", "123456789012345",
        "1234567890123456", "0,001", "99.999,999", "3.000,5", "12,000", "1.000", "2,50",
        // Found by the fuzzer (Fuzz/): more digits than a UInt64 holds used to trap.
        String(repeating: "9", count: 40), "1." + String(repeating: "0", count: 30),
    ]

    @Test(arguments: numbers)
    func asciiPathMatchesStringPath(_ s: String) throws {
        let q = QuantityExtractor(data: try #require(sharedTagger).data)
        for english in [false, true] {
            let general = q.parseNumber(s, language: english ? "en" : "nl")
            let fast = Array(s.utf8).withUnsafeBufferPointer { QuantityExtractor.parseASCIINumber($0, english: english) }
            switch fast {
            case .value(let v): #expect(general == v, "\(s) english: \(english)")
            case .invalid: #expect(general == nil, "\(s) english: \(english)")
            case .general: #expect(s.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.count > 15)
            }
        }
    }
}

/// The reversed-suffix trie must answer what comparing against every listed suffix answers.
@Suite struct CueSuffixTests {
    @Test(arguments: ["nl", "en", "de", "fr", "es", "it", "xx"])
    func trieMatchesSuffixScan(_ language: String) throws {
        let data = try #require(sharedTagger).data
        let lex = data.lexicon(language)
        let text = "luchtvaartmaatschappij IT-bedrijf oud-premier premier bedrijf zender minister-president "
            + "staatssecretaris ministerie voorzitter Premier chairman company gesellschaft président société "
            + FastPathTests.samples.joined(separator: " ")
        let doc = Tokenizer.tokenize(text, vocabulary: data.vocabulary)
        var hits = 0
        for i in 0..<doc.count {
            let bits = lex.cueSuffixes(doc, i)
            #expect((bits & LanguageLexicon.orgHead != 0) == doc.lowerHasAnySuffix(i, lex.orgHeadSuffixes), "\(doc.text(i))")
            #expect((bits & LanguageLexicon.title != 0) == doc.lowerHasAnySuffix(i, lex.titleSuffixes), "\(doc.text(i))")
            if bits != 0 { hits += 1 }
        }
        if language == "nl" { #expect(hits >= 5) }
    }
}

/// The byte-level publication-date parser must agree with the String-based one.
@Suite struct ReferenceDateTests {
    static func viaString(_ s: String) -> (Int, Int?, Int?)? {
        let parts = s.prefix(10).split(separator: "-")
        guard let y = parts.first.flatMap({ Int($0) }), y > 1000 else { return nil }
        return (y, parts.count > 1 ? Int(parts[1]) : nil, parts.count > 2 ? Int(parts[2]) : nil)
    }

    @Test(arguments: ["2022", "2022-10", "2022-10-15", "2022-10-15T08:00:00Z", "2022-1-5", "--2022--10", "22-10-15",
                      "2022-x", "2022-10-1x", "+2022-+3", "2022-10-150", "", "-", "999-01-01", "2022\r\n-10", "2022-10-15\u{301}",
                      "2022-ü", "abcd"])
    func asciiPathMatchesStringPath(_ s: String) {
        let expected = Self.viaString(s)
        let got = ReferenceDate(s)
        #expect(got?.year == expected?.0 && got?.month == expected?.1 && got?.day == expected?.2, "\(s)")
    }
}
