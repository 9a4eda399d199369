import Testing

@testable import Cleaning

/// The writer's note at the end of a story ("Jane Doe (jane@…) is the editor of …") names the
/// writer of the byline as its first word: it goes, with what follows it in the run. Without a
/// byline, or higher up in the story, a paragraph that opens with that name stays.
@Suite struct AuthorBioTests {
    static let paragraphs = CaptionTests.paragraphs
    static let bio = "Jane Doe (jane@example.com) is the editor of the Harbour Gazette and has written about the bay "
        + "and its boats for twenty years."
    static let invitation = "Join our readers' forum to talk about the harbour, the ferries and the fishing fleet, and send "
        + "us your tips and photos."

    @Test func writersNoteAtTheEndGoes() throws {
        let page = (["By Jane Doe"] + Self.paragraphs + [Self.bio, Self.invitation]).joined(separator: "\n")
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text == Self.paragraphs.joined(separator: "\n"))
        #expect(result.removed.contains { $0.text == Self.bio && $0.ruleID == "section-end" })
    }

    @Test func withoutABylineTheNoteStays() throws {
        let page = (Self.paragraphs + [Self.bio]).joined(separator: "\n")
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text.hasSuffix(Self.bio))
    }

    @Test func theNameHigherUpInTheStoryStays() throws {
        let quote = "Jane, who chairs the harbour board, said the board had waited long enough for the new quay and "
            + "that the work would start in the spring."
        let story = Array(Self.paragraphs[0...1]) + [quote] + Array(Self.paragraphs[2...3])
        let page = (["By Jane Doe"] + story).joined(separator: "\n")
        let result = try PageStructureTests.cleaner().clean(page, language: "en")
        #expect(result.text == story.joined(separator: "\n"))
    }
}
