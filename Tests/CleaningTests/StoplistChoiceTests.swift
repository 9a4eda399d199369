import Testing

@testable import Cleaning

/// Without a language (the daemon's path: the clean stage runs before language id) the cleaner
/// judges a page with the stoplist that covers the most of its words. jusText's Finnish list held
/// a hundred English words ("the", "and", "with", "you", "first", "time"), so plain English prose
/// was judged with the Finnish list; `Scripts/cleaning-stopwords.sh` now drops from every list the
/// words far more frequent in another list's language.
@Suite struct StoplistChoiceTests {
    @Test func englishProseWithoutALanguageIsJudgedAsEnglish() throws {
        let cleaner = Cleaner(patterns: try PatternSet.loadDefault())
        // Words of jusText's Finnish list ("my", "love", "big", "night", "with", "you", "first")
        // outnumbered those of the English list here.
        let text = """
            My love for the big city at night is real: the black cabs, the little red buses and the long street to my old school.

            Mr Green, a star of the first team, will tell you with a big smile: it is the best time of the day in all the world.

            Do come to the park at night with me and your little boy, and see the big stone house by the river.
            """
        let result = cleaner.clean(text)
        #expect(result.language == "en")
    }

    /// The shared words that are genuinely frequent in both languages stay in both lists: a Dutch
    /// paragraph is still judged as Dutch although "in", "is" and "was" are English words too.
    @Test func dutchProseKeepsItsOwnList() throws {
        let cleaner = Cleaner(patterns: try PatternSet.loadDefault())
        let text = """
            De gemeenteraad heeft dinsdag het nieuwe plan voor de haven goedgekeurd, na een lang debat over de kosten.

            Volgens de wethouder is het geld er nu, en was er in de raad geen meerderheid meer tegen het voorstel.
            """
        #expect(cleaner.clean(text).language == "nl")
    }
}
