import Testing

@testable import Cleaning

/// A list that closes a story (dates, results, a table) belongs to it; the menus, teaser titles
/// and link lists that follow a story do not.
@Suite struct StoryListTests {
    static let story = StoryEdgeTests.story

    /// Rows that repeat the same punctuation, under a short heading, stay with the story; the
    /// menu after them goes.
    @Test func aListAfterTheStoryStays() throws {
        let list = """
            Ferry timetable
            May 2 – Northport, quay 1 @ 09:15
            May 3 – Eastholm, quay 2 @ 10:40
            May 5 – Saltby, old pier @ 13:05
            May 9 – Northport, quay 3 @ 16:30
            """
        let page = Self.story + "\n" + list + "\nHome\nWeather\nAbout us"
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text == Self.story + "\n" + list)
        #expect(result.removed.map(\.text) == ["Home", "Weather", "About us"])
    }

    /// Rows of another shape: "Team (Group A): second visit" line after line.
    @Test func labelledRowsStay() throws {
        let rows = ["Harbourside (Group A): first final", "Northport (Group B): third final", "Saltby (Group A): fifth final"]
        let page = Self.story + "\n" + rows.joined(separator: "\n")
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text == page)
    }

    /// Teaser titles without common marks, two rows only, and rows of web addresses are no list.
    @Test func teasersShortListsAndLinksGo() throws {
        let cleaner = try PageStructureTests.cleaner()
        for after in [
            "Bridge Closed For Repairs\nMarket Returns To The Square\nNew Bus Line Opens In June",
            "Tags: harbour, quay\nFiled under: local, ferries",
            "Listen: https://example.org/a\nDownload: https://example.org/b\nFeed: https://example.org/c",
        ] {
            let result = cleaner.clean(Self.story + "\n" + after, language: "en")
            #expect(result.text == Self.story, "\(after)")
        }
    }

    /// A table that opens the story stays, with its heading and the sentence that introduces
    /// it; the menu above goes.
    @Test func aTableAboveTheStoryStays() throws {
        let table = """
            Below, the catches of the week for the boats of the harbour.
            Boat catches
            Anna II 420 kg (cod). 2 trips.
            Seagull 310 kg (plaice). 1 trip.
            North Star 515 kg (cod, sole). 3 trips.
            """
        let page = "Home\nWeather\n" + table + "\n" + Self.story
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text == table + "\n" + Self.story)
        #expect(result.removed.map(\.text) == ["Home", "Weather"])
    }

    /// Long rows in headline case inside the story are a list, not teaser headlines, when they
    /// share their marks with a short row next to them; the same line alone between two
    /// paragraphs is a teaser and goes.
    @Test func headlineCasedRowsOfAListStay() throws {
        let paragraphs = Self.story.components(separatedBy: "\n\n")
        let teaser = "Round Two: Eastholm Rovers, Saltby United, Northport Reserves, Harbour Town Veterans"
        let rows = "Round One: Harbour Town, Northport\n" + teaser + "\nRound Three: Saltby, Eastholm"
        let cleaner = try PageStructureTests.cleaner()
        let page = paragraphs[0] + "\n" + rows + "\n" + paragraphs[1...].joined(separator: "\n\n")
        #expect(cleaner.clean(page, language: "en").text == page)
        let alone = paragraphs[0] + "\n" + teaser + "\n" + paragraphs[1...].joined(separator: "\n\n")
        #expect(cleaner.clean(alone, language: "en").removed.map(\.ruleID) == ["outside-main-text:headline"])
    }

    /// Only what follows the run directly: a list after a menu item is not the story's.
    @Test func aListAfterAMenuGoes() throws {
        let list = "May 2 – Northport, quay 1\nMay 3 – Eastholm, quay 2\nMay 5 – Saltby, old pier"
        let page = Self.story + "\nWeather\nAbout us\n" + list
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text == Self.story)
    }
}
