import Testing
@testable import Tagging

@Suite struct ExtractorTests {
    @Test func tokenizerKeepsNumbersAndDutchQuotes() {
        let doc = Tokenizer.tokenize(",,Er zijn 300.000 mensen”, zei hij.")
        let toks = doc.tokens
        #expect(toks.indices.map { doc.text($0) } == [",,", "Er", "zijn", "300.000", "mensen", "”", ",", "zei", "hij", "."])
        #expect(toks[1].sentenceStart)
        #expect(toks[3].kind == .number)
    }

    @Test func numberParsingFollowsLanguage() {
        let q = QuantityExtractor(data: TaggerData())
        #expect(q.parseNumber("300.000", language: "nl") == 300_000)
        #expect(q.parseNumber("1,5", language: "nl") == 1.5)
        #expect(q.parseNumber("1,500", language: "en") == 1500)
        #expect(q.parseNumber("2.5", language: "en") == 2.5)
    }

    @Test func weekdayResolvesWithFullDate() {
        let d = DateExtractor()
        // 2022-10-13 was a Thursday; the previous Saturday was 2022-10-08.
        #expect(d.resolveWeekday(6, ReferenceDate("2022-10-13")) == "2022-10-08")
        #expect(d.resolveWeekday(6, ReferenceDate("2022-10")) == nil)
    }

    @Test func englishGermanFrenchQuotes() throws {
        let tagger = try #require(sharedTagger)
        let en = tagger.tag(text: "Prime Minister Mark Rutte met reporters. \"We will not give in to this pressure,\" said Rutte.", language: "en")
        #expect(en.quotes.first?.speaker == "Mark Rutte")
        let de = tagger.tag(text: "Bundeskanzler Olaf Scholz war in Berlin. „Wir werden die Ukraine weiter unterstützen“, sagte Scholz.", language: "de")
        #expect(de.quotes.first?.speaker == "Olaf Scholz")
        #expect(de.entities.contains { $0.type == .location && $0.canonical == "Ukraine" })
        let fr = tagger.tag(text: "Le président Emmanuel Macron était à Paris. « Nous devons rester unis face à cette crise », a déclaré Macron.", language: "fr")
        #expect(fr.quotes.first?.speaker == "Emmanuel Macron")
    }

    /// German capitalises every noun: common ones are not names, while names, places and
    /// people after a title still are.
    @Test func germanCommonNounsAreNotEntities() throws {
        let tagger = try #require(sharedTagger)
        let text = "Die Sanierung der Strecke dauert fünf Monate und die Kosten steigen. "
            + "Die Sperrung trifft Pendler in Hamburg, sagte Bahnsprecherin Katrin Albers."
        let names = Set(tagger.tag(text: text, language: "de").entities.map(\.canonical))
        for noun in ["Sanierung", "Strecke", "Monate", "Sperrung"] { #expect(!names.contains(noun), "\(noun)") }
        #expect(names.contains("Hamburg"))
        #expect(names.contains { $0.hasSuffix("Katrin Albers") })
    }

    /// Nouns the (Dutch) family-name list also holds, and runs of common nouns, are no names in
    /// German; a person after a title still is.
    @Test func germanNounsOnTheNameListAndNounRunsAreNotEntities() throws {
        let tagger = try #require(sharedTagger)
        let text = "Für 5,5 Milliarden Euro werden 1.200 Kilometer Gleise erneuert. Die Stadt und der Ort "
            + "warten nach Angaben der Veranstalter auf das Buch, sagte Messedirektor Martin Kessler."
        let names = tagger.tag(text: text, language: "de").entities.map(\.name)
        for noun in ["Stadt", "Ort", "Buch", "Milliarden Euro", "Kilometer Gleise", "Angaben der Veranstalter"] {
            #expect(!names.contains(noun), "\(noun) in \(names)")
        }
        #expect(names.contains { $0.hasSuffix("Martin Kessler") }, "\(names)")
    }

    /// A month or weekday is a date (the date extractor's), not a name; a first name that is also
    /// a month still opens a person's name.
    @Test func monthsAndWeekdaysAreDatesNotEntities() throws {
        let tagger = try #require(sharedTagger)
        let english = tagger.tag(text: "The strike began in March and ended on Friday, said Tomasz Wielgosz.", language: "en")
        let german = tagger.tag(text: "Am Sonntag kamen mehr Besucher, schrieb August Strindberg im April.", language: "de")
        let names = (english.entities + german.entities).map(\.name)
        for date in ["March", "Friday", "Sonntag", "April"] { #expect(!names.contains(date), "\(date) in \(names)") }
        #expect(names.contains("Tomasz Wielgosz") && names.contains("August Strindberg"), "\(names)")
    }

    @Test func emptyAndOddInputDoNotCrash() throws {
        let tagger = try #require(sharedTagger)
        #expect(tagger.tag(text: "", language: "nl") == TaggingResult())
        _ = tagger.tag(text: ",,", language: "xx")
        _ = tagger.tag(text: "“ ” ‘ 12.34.56 , , ,, 1,2,3", language: "en", publishedAt: "garbage")
    }

    /// The dates' values written as bytes equal the padded concatenation, in and out of the fast range.
    @Test func isoTextEqualsPaddedConcatenation() {
        for y in [0, 7, 99, 999, 1000, 2022, 9999, 10000, 123_456, -5] {
            for m in [0, 1, 9, 10, 12, 99, 100, -1] {
                #expect(isoText(y, m) == pad4(y) + "-" + pad2(m))
                for d in [0, 1, 9, 10, 31, 99, 100, -3] {
                    #expect(isoText(y, m, d) == pad4(y) + "-" + pad2(m) + "-" + pad2(d))
                }
            }
        }
    }

    /// The flat suffix tables answer as `lowerHasAnySuffix` over the same strings.
    @Test func suffixTableEqualsPerStringSuffixTest() {
        let text = "Ludwigsburg Wittenberge Lüneburg Förderung Lesungen Mannschaft Universität Studentinnen burg "
            + "Ach ACH Hamburger Wärmepumpe Fahrzeit Bahnhof Hofen See Fernsehen ung Burgen Nation Kaufmann É ß"
        let doc = Tokenizer.tokenize(text)
        for table in [GermanCompounds.nameElements, GermanCompounds.nounSuffixes.map(\.bytes)] {
            let flat = SuffixTable(table)
            for i in 0..<doc.count {
                #expect((flat.matchIndex(doc, i, where: { _ in true }) != nil) == doc.lowerHasAnySuffix(i, table), "\(doc.text(i))")
                let first = table.indices.first { doc.lowerHasSuffix(i, table[$0]) && table[$0].count > 3 }
                #expect(flat.matchIndex(doc, i, where: { table[$0].count > 3 }) == first)
            }
        }
    }
}
