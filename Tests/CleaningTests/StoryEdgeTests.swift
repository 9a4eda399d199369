import Testing

@testable import Cleaning

/// Where a story ends and begins: the heading of the reader comments under it, and the short
/// sentences at its edges.
@Suite struct StoryEdgeTests {
    /// Five paragraphs of made-up news: enough prose that a comment or two after it is little.
    static let story = ["harbour board", "town council", "fishing guild", "ferry company", "water authority"].map { body in
        "The \(body) approved the new quay on Monday after two years of planning and debate, and the fishermen who "
            + "had asked the \(body) for it for a long time were there to hear the news. The plan had been delayed twice, "
            + "first by a lack of money and then by a dispute about the road that leads to the quay."
    }.joined(separator: "\n\n")

    /// A reader's comment long enough to count as prose, under a user name.
    static let thread = """
        harbourfan77
        I have been waiting for this quay for years and I am glad that the board finally listened to the people who work here.
        """

    /// The heading of the comments ends the story in every pattern language, with or without a
    /// count; the comment under it goes though it is prose.
    @Test func commentsHeadingEndsTheStory() throws {
        let cleaner = try PageStructureTests.cleaner()
        for heading in ["Comments", "12 Comments", "Top Rated Comments", "Comment", "Reacties", "3 reacties", "Kommentare",
                        "Commentaires", "Comentarios", "Commenti"] {
            let result = cleaner.clean(Self.story + "\n" + heading + "\n" + Self.thread, language: nil)
            #expect(result.text == Self.story, "\(heading)")
            #expect(result.removed.first?.ruleID == "section-end:comments-heading", "\(heading)")
        }
        // Without the heading the comment's prose carries the run over the user name.
        let bare = cleaner.clean(Self.story + "\n" + Self.thread, language: "en")
        #expect(bare.text != Self.story)
    }

    /// A sentence that mentions comments is prose, not a heading.
    @Test func aSentenceAboutCommentsStays() throws {
        let line = "The board said it had read all the comments."
        let result = try PageStructureTests.cleaner().clean(Self.story + "\n" + line, language: "en")
        #expect(result.removed.allSatisfy { $0.rule != .sectionEnd })
    }

    /// Short sentences right above and below the run join it (a lede over a picture, the
    /// closing line); menu items and teaser titles, unpunctuated, do not, and neither does a
    /// sentence with a menu item between it and the story.
    @Test func sentencesAtTheEdgesOfTheRunStay() throws {
        let lede = "The new quay is open at last."
        let close = "The board meets again in May."
        let page = "Home\nLocal News\nThe ferry was late again.\nWeather\n" + lede + "\n" + PageStructureTests.story + "\n" + close
            + "\nBridge Closed For Repairs\nMarket Returns To The Square\nAbout us"
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text == lede + "\n" + PageStructureTests.story + "\n" + close)
        #expect(result.removed.contains { $0.text == "The ferry was late again." && $0.rule == .outsideMainText })
    }

    /// The attribution under a quote that closes the story ("— Name (@handle) date") stays;
    /// a dashed line after a menu item does not, nor a long dashed line.
    @Test func attributionUnderTheClosingQuoteStays() throws {
        let quote = "We waited ten years for this quay and it is finally here."
        let cleaner = try PageStructureTests.cleaner()
        for dash in ["—", "–"] {
            let attribution = "\(dash) Harbour Watch (@harbourwatch) May 3, 2024"
            let result = cleaner.clean(PageStructureTests.story + "\n" + quote + "\n" + attribution + "\nAbout us", language: "en")
            #expect(result.text == PageStructureTests.story + "\n" + quote + "\n" + attribution, "\(dash)")
        }
        let afterMenu = cleaner.clean(PageStructureTests.story + "\nAbout us\n— Harbour Watch (@harbourwatch) May 3, 2024", language: "en")
        #expect(afterMenu.text == PageStructureTests.story)
        let long = "— " + Array(repeating: "harbour", count: 16).joined(separator: " ")
        #expect(cleaner.clean(PageStructureTests.story + "\n" + long, language: "en").text == PageStructureTests.story)
    }

    /// A lede sentence above the story's pictures joins the run over their credits, which stay
    /// removed; above a menu item it does not.
    @Test func ledeAbovePictureCreditsStays() throws {
        let lede = "The new quay is open at last."
        let credits = "Photo: Harbour Press Agency\nPhoto: Anna Berg"
        let cleaner = try PageStructureTests.cleaner()
        let page = "Home\n" + lede + "\n" + credits + "\n" + PageStructureTests.story
        let result = cleaner.clean(page, language: "en")
        #expect(result.text == lede + "\n" + PageStructureTests.story)
        #expect(result.removed.filter { $0.ruleID == "pattern:credit" }.count == 2)
        let menu = cleaner.clean("Home\n" + lede + "\nWeather\n" + PageStructureTests.story, language: "en")
        #expect(menu.text == PageStructureTests.story)
    }

    /// A short line without a sentence's stopwords ("Tickets: 12 euros.") is not taken along.
    @Test func aShortLineWithoutStopwordsIsNotASentence() throws {
        let page = PageStructureTests.story + "\nQuay Tours, Harbour Street 12, Tuesdays."
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text == PageStructureTests.story)
    }

    /// A long unpunctuated line in headline case between two paragraphs is a link to another
    /// story and goes; a short subheading, a long line in sentence case, and a German line
    /// whose nouns are capitalised stay.
    @Test func headlineCasedTeaserInsideTheStoryGoes() throws {
        let paragraphs = Self.story.components(separatedBy: "\n\n")
        let cleaner = try PageStructureTests.cleaner()
        for teaser in ["Harbour Town Votes to Close the Old Fish Market After Years of Debate",
                       "HARBOUR TOWN VOTES TO CLOSE THE OLD FISH MARKET AFTER YEARS OF DEBATE"] {
            let page = paragraphs[0] + "\n" + teaser + "\n" + paragraphs[1...].joined(separator: "\n\n")
            let result = cleaner.clean(page, language: "en")
            #expect(result.removed.map(\.ruleID) == ["outside-main-text:headline"], "\(teaser)")
            #expect(!result.text.contains(teaser))
        }
        for kept in ["Work Starts in Spring",
                     "the board will meet again in May to decide what happens to the fish market on the quay",
                     "Die Hafenverwaltung plant neue Regeln für die Fischer im Winter und im Sommer ohne Ausnahme"] {
            let page = paragraphs[0] + "\n" + kept + "\n" + paragraphs[1...].joined(separator: "\n\n")
            let result = cleaner.clean(page, language: nil)
            #expect(result.removed.isEmpty, "\(kept)")
        }
    }

    /// A teaser all in capitals is shorter than one in headline case ("HARBOUR TOWN CLOSES ITS OLD
    /// FISH MARKET"): from eight words it goes; a subheading in capitals ("WHAT HAPPENS NEXT") stays.
    @Test func capitalsTeaserInsideTheStoryGoes() throws {
        let paragraphs = Self.story.components(separatedBy: "\n\n")
        let cleaner = try PageStructureTests.cleaner()
        let teaser = "HARBOUR TOWN CLOSES ITS OLD FISH MARKET FOR GOOD"
        let page = paragraphs[0] + "\n" + teaser + "\n" + paragraphs[1...].joined(separator: "\n\n")
        let result = cleaner.clean(page, language: "en")
        #expect(result.removed.map(\.ruleID) == ["outside-main-text:headline"])
        for kept in ["WHAT HAPPENS NEXT", "THE FISH MARKET AFTER THE VOTE", "Harbour Town Closes Its Old Fish Market for Good"] {
            let page = paragraphs[0] + "\n" + kept + "\n" + paragraphs[1...].joined(separator: "\n\n")
            #expect(cleaner.clean(page, language: "en").removed.isEmpty, "\(kept)")
        }
    }

    /// Under the heading a thread longer than the story goes whole; a "Comment" button under
    /// the headline and summary, with little of the page's prose above it, is no thread start.
    @Test func longThreadGoesFromItsHeading() throws {
        let cleaner = try PageStructureTests.cleaner()
        let names = ["harbourfan77", "jan_de_vries", "seagull", "marie", "old salt", "ferry_mike", "anna k", "tom"]
        // Each comment its own (a repeated paragraph is evidence of its own).
        let thread = names.enumerated().map { number, name in
            name + "\nI have been waiting for this quay for \(number + 3) years and I am glad that the board finally listened "
                + "to the people who work here every day, \(name) included, in summer and in winter."
        }.joined(separator: "\n")
        let result = cleaner.clean(Self.story + "\n12 Comments\n" + thread, language: "en")
        #expect(result.text == Self.story)
        #expect(result.removed.filter { $0.ruleID == "section-end:comment-thread" }.count == 2 * names.count)

        let summary = "The board approved the quay that the fishermen of the town had asked for during many years."
        let top = "Harbour Board Approves New Quay\n" + summary + "\nBy Anna Smith\nShare\nComment\n"
        let early = cleaner.clean(top + Self.story, language: "en")
        #expect(early.text.hasSuffix(Self.story))
        #expect(early.removed.contains { $0.text == "Comment" && $0.ruleID == "section-end:comments-heading" })
    }

    /// Short lines without a single stopword (a name, a count, a tag) part the story from the
    /// prose after them more surely than short lines of words: two of them keep a paragraph that
    /// two short worded lines would join to the story out of the run.
    @Test func bareShortLinesSeparateMore() throws {
        let cleaner = try PageStructureTests.cleaner()
        let after = "Readers said that they had been waiting for the new quay for many years and were glad the work can start."
        let bare = cleaner.clean(Self.story + "\nharbourfan77\n12 Votes\n" + after, language: "en")
        #expect(bare.text == Self.story)
        let worded = cleaner.clean(Self.story + "\nWhat the readers say\nIn the town\n" + after, language: "en")
        #expect(worded.text.hasSuffix(after))
    }

    /// "About Jane Doe" over a short note on the writer (or the company) ends the story, in every
    /// pattern language; a sentence that opens with the word is prose.
    @Test func aboutTheWriterEndsTheStory() throws {
        let cleaner = try PageStructureTests.cleaner()
        let note = "Jane Doe has written about the harbour and the people who work there for more than twenty years."
        for heading in ["About Jane Doe", "Over de auteur", "Über den Autor", "À propos de Jane", "Sobre el autor", "L'autore"] {
            let result = cleaner.clean(Self.story + "\n" + heading + "\n" + note, language: nil)
            #expect(result.text == Self.story, "\(heading)")
            #expect(result.removed.first?.ruleID == "section-end:section-end", "\(heading)")
        }
        let sentence = "About two hundred people came to the meeting on the quay."
        let kept = cleaner.clean(Self.story + "\n" + sentence, language: "en")
        #expect(kept.text.hasSuffix(sentence))
    }

    /// Where "about" is also an everyday preposition (nl "over", de "über", es "sobre"), a
    /// subheading that opens with it does not end the story: only the author's heading does.
    @Test func aSubheadingOpeningWithAPrepositionStays() throws {
        let cleaner = try PageStructureTests.cleaner()
        let more = "The board expects the new quay to be ready before the summer, when the ferries return to the harbour."
        for heading in ["Over de kosten", "Über die Grenze", "Sobre el terreno"] {
            let result = cleaner.clean(Self.story + "\n" + heading + "\n" + more, language: nil)
            #expect(!result.removed.contains { $0.ruleID.hasPrefix("section-end") }, "\(heading)")
        }
    }

    /// A sentence that ends in a colon after the story introduces an embedded post and stays;
    /// a short label with a colon does not.
    @Test func aSentenceIntroducingAPostStays() throws {
        let cleaner = try PageStructureTests.cleaner()
        let intro = "Readers on social media were quick to answer the board:"
        let kept = cleaner.clean(Self.story + "\n" + intro, language: "en")
        #expect(kept.text == Self.story + "\n" + intro)
        let label = cleaner.clean(Self.story + "\nFiled under:", language: "en")
        #expect(label.text == Self.story)
    }
}
