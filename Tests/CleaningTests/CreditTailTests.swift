import Testing

@testable import Cleaning

/// A caption that carries its picture's credit at its end ("… at dawn. © Harbour Board") goes
/// even when it is too long for the credit patterns; a story paragraph signed by its agency at
/// the story's end, a quotation with its source, and a line whose "sentence end" is an
/// abbreviation ("St. Ives") stay.
@Suite struct CreditTailTests {
    static let paragraphs = CaptionTests.paragraphs

    static func clean(_ middle: [String]) throws -> CleaningResult {
        try PageStructureTests.cleaner().clean(CaptionTests.page(middle), language: "en")
    }

    @Test(arguments: [
        "Workers lay the first stones of the new quay near the harbour mouth on a grey morning in early May, "
            + "while the ferry waits offshore for the tide. (Harbour Board/Jane Doe)",
        "Workers lay the first stones of the new quay near the harbour mouth on a grey morning in early May, "
            + "while the ferry waits offshore for the tide. © Harbour Board / Jane Doe",
        "Workers lay the first stones of the new quay near the harbour mouth on a grey morning in early May. "
            + "The ferry waits offshore for the tide. Harbour Board",
        "Workers lay the first stones of the new quay near the harbour mouth on a grey morning in early May, "
            + "while the ferry waits offshore for the tide. Credit: Harbour Board",
    ])
    func captionWithItsCreditGoes(caption: String) throws {
        let result = try Self.clean([caption])
        #expect(result.text == Self.paragraphs.joined(separator: "\n"))
        #expect(result.removed.contains { $0.text == caption && $0.ruleID == "outside-main-text:caption" })
    }

    @Test func storyEndSignedByTheAgencyStays() throws {
        let last = "The board meets again in May to choose the builder, and the work is to start before the summer. HNA"
        let page = Self.paragraphs.joined(separator: "\n") + "\n" + last
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text.hasSuffix(last))
    }

    @Test func quotationWithItsSourceStays() throws {
        let quote = "“The sea gives to the patient and takes from the hasty, and the harbour keeps them both.” "
            + "[Harbour Sayings 12]"
        let result = try Self.clean([quote])
        #expect(result.text.contains(quote))
    }

    @Test func abbreviationIsNoSentenceEnd() throws {
        let line = "From June the ferry sails every hour from the new quay across the bay to St. Ives"
        let result = try Self.clean([line])
        #expect(result.text.contains(line))
    }

    @Test func lowerCaseTailIsNoCredit() throws {
        let line = "The quay was finished in May. The boats came back to it in the weeks that followed"
        let result = try Self.clean([line])
        #expect(result.text.contains(line))
    }

    /// "… contributed to this report." credits the reporters under a story: it goes, where a
    /// long sentence that says so is the story's.
    @Test func contributorCreditGoes() throws {
        let credit = "Jane Doe and John Roe contributed to this report."
        let page = Self.paragraphs.joined(separator: "\n") + "\n" + credit
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text == Self.paragraphs.joined(separator: "\n"))
        #expect(result.removed.contains { $0.text == credit && $0.ruleID == "pattern:credit" })
        let sentence = "Fishermen from all four villages on the bay, who had waited for the new stone quay for many long years, "
            + "contributed to this report."
        let kept = try Self.clean([sentence])
        #expect(kept.text.contains(sentence))
    }
}
