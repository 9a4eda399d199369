import Testing

@testable import Cleaning

/// Whole-page structure: the page title's headline repeated above the story.
@Suite struct PageStructureTests {
    static let story = """
        The harbour board approved the new quay on Monday after two years of planning and debate.

        Work on the quay will start in the spring, and the board expects it to be finished within a year.

        Fishermen said that they were glad the board had listened to them at last.
        """

    /// Teasers with their blurbs, between section names: more prose than the story itself.
    static let teasers = """
        Latest Stories
        Bridge Closed For Repairs The old bridge over the river will be closed for two weeks while workers replace the deck.
        Local
        School Wins Award The primary school on the hill has won a national award for the garden its pupils planted last year.
        Schools
        Sport
        Local Club Promoted After a long season the local football club has been promoted to the second division for the first time.
        Football
        Market Returns The Saturday market is back on the square with more stalls than ever, and the organisers hope for good weather.
        Business
        Weather
        Storm Expected A storm is expected to reach the coast on Thursday night, bringing strong winds and heavy rain to the region.
        Forecast
        Video
        """

    static func cleaner() throws -> Cleaner {
        var configuration = CleaningConfiguration()
        configuration.maxRemovedShare = 1
        configuration.learningMode = .off
        return Cleaner(configuration: configuration, patterns: try PatternSet.loadDefault())
    }

    @Test func storyStartsBelowTheRepeatedHeadline() throws {
        let page = "Harbour Board Approves New Quay | Local News | The Daily Planet\nMenu\nNews\n"
            + Self.teasers + "\nHarbour Board Approves New Quay\n" + Self.story + "\nAbout us\nContact"
        let result = try Self.cleaner().clean(page, language: "en")
        #expect(result.text == Self.story)
        #expect(result.removed.contains { $0.text.hasPrefix("Storm Expected") && $0.rule == .outsideMainText })
    }

    /// The headline comes back only in a list after the story: what precedes it is the story
    /// (prose), not furniture, and stays.
    @Test func headlineRepeatedAfterTheStoryCutsNothing() throws {
        let page = "Harbour Board Approves New Quay | The Daily Planet\n" + Self.story
            + "\nMost Read\nHarbour Board Approves New Quay\nBridge Closed For Repairs\nStorm Expected"
        let result = try Self.cleaner().clean(page, language: "en")
        #expect(result.text == Self.story)
    }

    @Test func titleRepeatNeedsHalfTheTitleInOneRun() throws {
        let patterns = try PatternSet.loadDefault()
        func repeatLine(_ text: String) -> Int? {
            DocumentAnalysis(text: TextNormalizer.normalize(text), patterns: patterns, language: "en", usePatterns: false).titleLine
        }
        // A run of the title's words, at least half of them and three or more.
        #expect(repeatLine("Opinion | Quay Plan Approved Today - The Daily Planet\nMenu\nQuay Plan Approved Today\nText") == 2)
        // Only part of the headline, or the site name alone: less than half.
        #expect(repeatLine("Opinion | Quay Plan Approved Today - The Daily Planet\nQuay Plan\nThe Daily Planet") == nil)
        // Words of the title out of order are not a run.
        #expect(repeatLine("Quay Plan Approved Today\nToday Approved Quay Plan") == nil)
        // The first repeat counts.
        #expect(repeatLine("Quay Plan Approved Today\nx\nQuay Plan Approved Today\nQuay Plan Approved Today") == 2)
        // A first line longer than a title is prose, not a title.
        let long = Array(repeating: "word", count: 41).joined(separator: " ")
        #expect(repeatLine("\(long)\n\(long)") == nil)
    }

    /// Time lines go, the prose between them stays: a live blog stamps its entries as a comment
    /// thread stamps its comments, and an entry is story.
    @Test func liveBlogEntriesStayTheirTimeLinesGo() throws {
        let entries = [
            "The ferry operators said on Tuesday that the strike would continue until the talks with the unions resume next week.",
            "Passengers at the harbour were told to expect long delays, and the council has opened a second waiting hall for them.",
            "The transport minister said the government would not intervene in the dispute but urged both sides to return to talks.",
        ]
        let page = "Ferry strike: what we know\n3 hours ago\n\(entries[0])\n2 hours ago\n\(entries[1])\n1 hour ago\n\(entries[2])"
        let result = try Self.cleaner().clean(page, language: "en")
        for entry in entries { #expect(result.text.contains(entry), "\(result.removed.map(\.ruleID))") }
        #expect(result.removed.filter { $0.ruleID == "pattern:timestamp" }.count == 3)
    }

    /// One time line in a story goes alone; a sentence that mentions hours ago is prose.
    @Test func aSingleTimeLineGoesAlone() throws {
        let story = "2 hours ago\n" + Self.story + "\nThe board met again only a few hours ago to discuss the plan in detail."
        let result = try Self.cleaner().clean(story, language: "en")
        #expect(result.removed.map(\.ruleID) == ["pattern:timestamp"])
    }

    @Test func timeLinesInEveryPatternLanguage() throws {
        let cleaner = try Self.cleaner()
        for line in ["3 hours ago", "3 uur geleden", "vor 3 Stunden", "il y a 3 heures", "hace 3 horas", "3 ore fa",
                     "5 minutes ago", "vor einer Woche", "19 Nov 2019 05:44 GMT"] {
            let result = cleaner.clean(Self.story + "\n" + line, language: nil)
            #expect(result.removed.map(\.ruleID) == ["pattern:timestamp"], "\(line)")
        }
    }

    /// Sign-up and follow lines after a story, anywhere in the line, in every pattern language.
    @Test func newsletterAndFollowLinesInEveryPatternLanguage() throws {
        let cleaner = try Self.cleaner()
        let lines = [
            ("No spam, we promise. You can unsubscribe at any time.", "pattern:newsletter"),
            ("Want more? Subscribe to our weekly magazine for the latest news.", "pattern:newsletter"),
            ("Email the author or follow us on Twitter and Facebook.", "pattern:share"),
            ("Je kunt je op elk moment weer afmelden.", "pattern:newsletter"),
            ("Blijf op de hoogte en volg ons op Instagram.", "pattern:share"),
            ("Sie können den Newsletter jederzeit wieder abbestellen.", "pattern:newsletter"),
            ("Mehr davon? Folgen Sie uns auf Facebook.", "pattern:share"),
            ("Vous pouvez vous désabonner à tout moment.", "pattern:newsletter"),
            ("Pour ne rien manquer, suivez-nous sur Twitter.", "pattern:share"),
            ("Puedes darte de baja en cualquier momento.", "pattern:newsletter"),
            ("Para no perderte nada, síguenos en Twitter.", "pattern:share"),
            ("Puoi disiscriverti in qualsiasi momento.", "pattern:newsletter"),
            ("Per non perdere nulla seguici su Facebook.", "pattern:share"),
            ("Have a tip? Write to the author, or follow her on Twitter.", "pattern:share"),
            ("The best stories of the week, right in your inbox.", "pattern:newsletter"),
            ("(Reporting by Anna Smith; editing by John Doe)", "pattern:credit"),
            ("Het laatste nieuws elke ochtend in je inbox.", "pattern:newsletter"),
            ("Wer mehr lesen will: folgen Sie ihm auf Twitter.", "pattern:share"),
            ("Jeden Morgen die wichtigsten Nachrichten in Ihr Postfach.", "pattern:newsletter"),
            ("Les meilleures histoires dans votre boîte mail chaque matin.", "pattern:newsletter"),
            ("Las mejores historias en tu bandeja de entrada cada mañana.", "pattern:newsletter"),
            ("Le notizie più importanti nella tua casella di posta ogni mattina.", "pattern:newsletter"),
            ("Advert", "pattern:advert"),
        ]
        for (line, rule) in lines {
            let result = cleaner.clean(Self.story + "\n" + line, language: nil)
            #expect(result.removed.map(\.ruleID) == [rule], "\(line)")
        }
    }

    /// A box heading alone on its line ("Related", "Lees ook") takes the teaser titles under it
    /// along up to the story's next paragraph; "Related: …" on one line is a single teaser.
    @Test func boxHeadingTakesItsTeasersAlong() throws {
        let cleaner = try Self.cleaner()
        let paragraphs = [
            "The harbour board approved the new quay on Monday after two years of planning and debate. The plan had been "
                + "delayed twice, first by a lack of money and then by a dispute with the town council about the road to the quay.",
            "Work on the quay will start in the spring, and the board expects it to be finished within a year. The contractor "
                + "said that the old quay would stay open while the new one is built, so that the boats can still land their catch.",
            "Fishermen said that they were glad the board had listened to them at last, and that they hoped the work would be "
                + "done before the next winter storms arrive on the coast.",
        ]
        for heading in ["Related", "See also", "Lees ook", "Siehe auch", "Voir aussi", "Ver también", "Leggi anche"] {
            let page = paragraphs[0] + "\n" + heading + "\nBridge Closed For Repairs\nMarket Returns To The Square\n"
                + paragraphs[1] + "\n\n" + paragraphs[2]
            let result = cleaner.clean(page, language: nil)
            #expect(result.removed.map(\.ruleID) == ["section-end:section-end", "section-end:teaser-list", "section-end:teaser-list"], "\(heading)")
        }
        let single = cleaner.clean(paragraphs[0] + "\nRelated: Bridge Closed For Repairs\n" + paragraphs[1] + "\n\n" + paragraphs[2], language: "en")
        #expect(single.removed.map(\.ruleID) == ["pattern:teaser"])
    }

    /// A run cut at "Most read" ends on its last prose line: the teaser titles between the
    /// story and the marker go too, though the teasers with blurbs after the marker had carried
    /// the run over them.
    @Test func runCutAtAMarkerEndsOnProse() throws {
        let story = ["harbour board", "town council", "fishing guild", "ferry company", "water authority"].map { body in
            "The \(body) approved the new quay on Monday after two years of planning and debate, and the fishermen who "
                + "had asked the \(body) for it for a long time were there to hear the news. The plan had been delayed twice, "
                + "first by a lack of money and then by a dispute about the road that leads to the quay."
        }.joined(separator: "\n\n")
        let titles = "Next Up\nBridge Closed For Repairs\nMarket Returns To The Square\nSchool Wins An Award\n"
        let teasers = """
            Storm Expected A storm is expected to reach the coast on Thursday night, bringing strong winds and heavy rain to the region.
            Local Club Promoted After a long season the local football club has been promoted to the second division for the first time.
            Bridge Closed For Repairs The old bridge over the river will be closed for two weeks while workers replace the deck.
            """
        let page = story + "\n" + titles + "Most Read\n" + teasers
        let result = try Self.cleaner().clean(page, language: "en")
        #expect(result.text == story)
        #expect(result.removed.contains { $0.text == "Market Returns To The Square" && $0.rule == .outsideMainText })
    }

    /// An inline box ("Most read …") goes up to the story's next paragraph, which ends a sentence:
    /// a teaser title long enough to count as prose, but unpunctuated, does not end the box.
    @Test func inlineBoxRunsToTheNextSentence() throws {
        let first = "The harbour board approved the new quay on Monday after two years of planning and debate. The plan had been "
            + "delayed twice, first by a lack of money and then by a dispute with the town council about the road to the quay."
        let rest = "Work on the quay will start in the spring, and the board expects it to be finished within a year. The contractor "
            + "said that the old quay would stay open while the new one is built, so that the boats can still land their catch."
        let box = "Most read in the region\nBRIDGE WORK\nThe old bridge over the river will be closed for two weeks while the workers replace its deck\n"
        let result = try Self.cleaner().clean(first + "\n" + box + rest, language: "en")
        #expect(result.text == first + "\n" + rest)
        #expect(result.removed.map(\.ruleID) == ["section-end:section-end", "section-end:teaser-list", "section-end:teaser-list"])
    }

    /// A caption's credit closes an unpunctuated line; the same word, or an agency's name, in a
    /// sentence is prose.
    @Test func captionCreditsAtTheEndOfALine() throws {
        let cleaner = try Self.cleaner()
        for caption in ["Fishermen on the old quay last winter Credit: Getty Images",
                        "Les pêcheurs sur le vieux quai Crédit: AFP",
                        "Die Fischer am alten Kai Bildquelle: dpa",
                        "Les pêcheurs sur le vieux quai (AFP)",
                        "The board members on the quay on Monday (AP Photo/Anna Smith)",
                        "De vissers op de oude kade Foto ANP",
                        "Fishermen on the old quay last winter (Photo by Anna Smith/Reuters)",
                        "The harbour master speaks at the quay on Monday. Anna Smith / AP file",
                        "A stock image of the old quay in winter. Getty",
                        "Anna Smith Submitted photo"] {
            let result = cleaner.clean(Self.story + "\n" + caption, language: nil)
            #expect(result.removed.map(\.ruleID) == ["pattern:credit"], "\(caption)")
        }
        for kept in ["The bank said that it would extend more credit to small firms.",
                     "The harbour master told The Associated Press that the quay was safe.",
                     "Berlin (dpa) - Der Hafen bekommt einen neuen Kai.",
                     "Credit for the new quay goes to the fishermen who asked for it for a long time and to the board members"] {
            let result = cleaner.clean(Self.story + "\n\n" + kept, language: nil)
            #expect(!result.removed.contains { $0.ruleID == "pattern:credit" }, "\(kept)")
        }
    }

    /// A paragraph of the story repeated outside it (a teaser quoting it under the story) is
    /// the story's own: the copy in the story stays, the other goes; a notice repeated inside
    /// the story goes twice.
    @Test func oneCopyOfARepeatedParagraphStays() throws {
        let paragraphs = Self.story.components(separatedBy: "\n\n")
        let quoted = paragraphs[1]
        let page = Self.story + "\nMost Read\nHarbour news\n" + quoted + "\nAbout us\nContact"
        let result = try Self.cleaner().clean(page, language: "en")
        #expect(result.text == Self.story)
        #expect(result.removed.filter { $0.text == quoted }.map(\.rule) == [.repeated])
        let notice = "This article was amended on Tuesday to correct the date on which the board met to vote."
        let twice = paragraphs[0] + "\n\n" + notice + "\n\n" + paragraphs[1] + "\n\n" + notice + "\n\n" + paragraphs[2]
        let noticeResult = try Self.cleaner().clean(twice, language: "en")
        #expect(noticeResult.removed.filter { $0.text == notice }.count == 2)
    }

    /// A short label ending in a colon that many sites print ("More:") heads a box like a
    /// section-end phrase: the titles under it go with it, up to the story's next paragraph.
    @Test func learnedColonLabelHeadsABox() throws {
        var configuration = CleaningConfiguration()
        configuration.maxRemovedShare = 1
        configuration.globalThreshold = 2
        let cleaner = Cleaner(configuration: configuration, patterns: try PatternSet.loadDefault())
        for site in ["a.example", "b.example"] {
            _ = cleaner.clean("A short story about the weather told in one sentence here.\nMore:\nOther titles", source: site)
        }
        let first = "The harbour board approved the new quay on Monday after two years of planning and debate. The plan had been "
            + "delayed twice, first by a lack of money and then by a dispute with the town council about the road to the quay."
        let rest = "Work on the quay will start in the spring, and the board expects it to be finished within a year. The contractor "
            + "said that the old quay would stay open while the new one is built, so that the boats can still land their catch."
        let page = first + "\nMore:\nBridge Closed For Repairs\nMarket Returns To The Square\n" + rest
        let result = cleaner.clean(page, language: "en", source: "c.example")
        #expect(result.text == first + "\n" + rest)
        #expect(result.removed.map(\.ruleID) == ["section-end", "section-end:teaser-list", "section-end:teaser-list"])
    }
}
