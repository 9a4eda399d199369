import Testing

@testable import Cleaning

/// The author's box under a story: "Über Anna Schmidt" (or "Sobre Ana Silva", "About Jane Doe")
/// over a biography that names the writer again goes, in any language; a subheading that opens
/// with the same preposition ("Über die Grenze") stays, as do the paragraphs below it.
@Suite struct AuthorBoxTests {
    static let german = ["Der Hafenrat", "Der Stadtrat", "Die Fischergilde", "Die Fährgesellschaft"].map { body in
        "\(body) hat am Montag nach zwei Jahren der Planung den neuen Kai beschlossen, und die Fischer, die "
            + "schon lange darum gebeten hatten, waren bei der Sitzung im Rathaus dabei und freuten sich über die Nachricht."
    }

    @Test func authorBoxGoes() throws {
        let heading = "Über Anna Schmidt"
        let bio = "Als Redakteurin schreibt Anna Schmidt seit vielen Jahren über den Hafen, die Fischerei und die "
            + "Politik der Stadt, und sie lebt mit ihrer Familie am Meer."
        let page = (Self.german + [heading, bio]).joined(separator: "\n")
        let result = try PageStructureTests.cleaner().clean(page, language: "de")
        #expect(result.text == Self.german.joined(separator: "\n"))
        #expect(result.removed.map(\.text) == [heading, bio])
    }

    @Test func portugueseAuthorBoxGoesWithoutPatterns() throws {
        let story = ["A câmara", "O porto", "A associação", "A empresa"].map { body in
            "\(body) aprovou na segunda-feira o novo cais depois de dois anos de planeamento, e os pescadores que o "
                + "pediam há muito tempo estavam na reunião para ouvir a notícia sobre o cais."
        }
        let heading = "Sobre Ana Silva"
        let bio = "Mãe de dois filhos, Ana Silva escreve sobre o porto e a pesca da cidade há muitos anos e vive junto ao mar."
        let result = try PageStructureTests.cleaner().clean((story + [heading, bio]).joined(separator: "\n"), language: "pt")
        #expect(result.text == story.joined(separator: "\n"))
    }

    @Test func subheadingWithThePrepositionStays() throws {
        for subheading in ["Über die Grenze", "Über Grenzen Hinweg"] {
            let page = (Array(Self.german[0...1]) + [subheading] + Array(Self.german[2...3])).joined(separator: "\n")
            let result = try PageStructureTests.cleaner().clean(page, language: "de")
            #expect(result.text == page, "\(subheading)")
        }
    }
}
