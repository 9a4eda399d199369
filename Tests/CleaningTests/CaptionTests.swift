import Testing

@testable import Cleaning

/// A picture's caption between two paragraphs, right above the picture's credit, goes with the
/// credit; a paragraph of the story above a credit (a picture without a caption, or the agency's
/// credit after the story's end) stays: it is as long as the story's other paragraphs, or holds
/// two sentences, or nothing of the story follows.
@Suite struct CaptionTests {
    /// Paragraphs of some forty words each, of made-up news.
    static let paragraphs = ["harbour board", "town council", "fishing guild", "ferry company"].map { body in
        "The \(body) approved the new quay on Monday after two years of planning and debate, and the fishermen who "
            + "had asked the \(body) for it for a long time were there to hear the news about the quay."
    }

    static func page(_ middle: [String]) -> String {
        (Array(paragraphs[0...1]) + middle + Array(paragraphs[2...3])).joined(separator: "\n")
    }

    @Test func captionAbovePictureCreditGoes() throws {
        let caption = "An artist's drawing of the new quay, seen from the harbour mouth."
        let credit = "(Image credit: Harbour Board)"
        let result = try PageStructureTests.cleaner().clean(Self.page([caption, credit]), language: "en")
        #expect(result.text == Self.paragraphs.joined(separator: "\n"))
        #expect(result.removed.contains { $0.text == caption && $0.ruleID == "outside-main-text:caption" })
    }

    @Test func paragraphAbovePictureWithoutCaptionStays() throws {
        // Paragraphs of 28 words; one of 25 above a bare credit is short for a paragraph but as long
        // as the others: the story's, not a caption.
        let short = ["harbour board", "town council", "fishing guild", "ferry company"].map { body in
            "The \(body) approved the new quay on Monday after two years of debate, and the fishermen who had asked "
                + "for it were there to hear the news."
        }
        let paragraph = "The quay will be built of stone from the old mill, the board said, and the work will start in the "
            + "spring before the summer."
        let credit = "Photo: Jane Doe"
        let page = (Array(short[0...1]) + [paragraph, credit] + Array(short[2...3])).joined(separator: "\n")
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text.contains(paragraph))
        #expect(result.removed.map(\.text) == [credit])
    }

    /// A short paragraph of two sentences above a bare credit is the story's: a caption is one
    /// sentence ("John M. Ford" holds no sentence end).
    @Test func twoSentencesAboveACreditStay() throws {
        let paragraph = "The quay opens in May. The boats can use it from the first of June."
        let credit = "Photo: Jane Doe"
        let result = try PageStructureTests.cleaner().clean(Self.page([paragraph, credit]), language: "en")
        #expect(result.text.contains(paragraph))
        let caption = "The harbour master John M. Ford at the new quay."
        let captioned = try PageStructureTests.cleaner().clean(Self.page([caption, credit]), language: "en")
        #expect(!captioned.text.contains(caption))
    }

    /// A gallery between two paragraphs: a caption between two pictures' credits goes though no
    /// paragraph follows its own credit.
    @Test func captionOfAGalleryGoes() throws {
        let caption = "A drawing of the new quay at dawn."
        let gallery = ["(Image credit: Harbour Board)", caption, "Image 2 of 2", "(Image credit: Town Council)"]
        let result = try PageStructureTests.cleaner().clean(Self.page(gallery), language: "en")
        #expect(result.text == Self.paragraphs.joined(separator: "\n"))
        #expect(result.removed.contains { $0.text == caption && $0.ruleID == "outside-main-text:caption" })
    }

    /// The story may go on under a subheading below the picture.
    @Test func captionAbovePictureAndSubheadingGoes() throws {
        let caption = "An artist's drawing of the new quay, seen from the harbour mouth."
        let credit = "(Image credit: Harbour Board)"
        let subheading = "Work starts in spring"
        let page = (Array(Self.paragraphs[0...1]) + [caption, credit, subheading] + Array(Self.paragraphs[2...3]))
            .joined(separator: "\n")
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text.contains(subheading))
        #expect(result.removed.contains { $0.text == caption && $0.ruleID == "outside-main-text:caption" })
    }

    @Test func lastSentenceAboveTheAgencyCreditStays() throws {
        let last = "The board meets again in May to choose the builder."
        let page = Self.paragraphs.joined(separator: "\n") + "\n" + last + "\n(Reporting by Jane Doe; Editing by John Roe)"
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text.hasSuffix(last))
    }

    @Test func listRowAboveACreditLikeRowStays() throws {
        let row = "May 9 - Saltby, Harbour Hall"
        let next = "May 10 - Eastholm, Credit Union Hall"
        let result = try PageStructureTests.cleaner().clean(Self.page([row, next]), language: "en")
        #expect(result.text.contains(row))
    }
}
