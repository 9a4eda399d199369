import Testing

@testable import Cleaning

@Suite struct CleanerBehaviourTests {
    static let story = """
        The council voted on Tuesday to approve the new budget for the coming year, after a long debate.

        Members of the opposition said that the plan would not do enough for the people who need it most.

        The mayor said she was confident that the city would be able to meet its obligations in time.
        """

    static func patterns() throws -> PatternSet { try PatternSet.loadDefault() }

    @Test func learnsFurnitureOfASourceAfterWarmUp() throws {
        var configuration = CleaningConfiguration()
        configuration.sourceThreshold = 2
        configuration.signals = [.learned]
        let cleaner = Cleaner(configuration: configuration, patterns: try Self.patterns())
        let furniture = "Get the Daily Planet app for the best experience on your phone today"
        for round in 0..<3 {
            let text = "Story number \(round) told in a full sentence about something.\n\n\(furniture)"
            let result = cleaner.clean(text, source: "planet.example")
            // Documents 1 and 2 warm the memory; the third sees the line twice before.
            #expect(result.removed.contains { $0.rule == .learnedSource } == (round == 2))
        }
        // Another source has not seen it.
        let other = cleaner.clean("Other story told here.\n\n\(furniture)", source: "other.example")
        #expect(!other.removed.contains { $0.rule == .learnedSource })
    }

    /// Each line reads its own pair of counts (`Cleaner.learnedCounts` writes two words a
    /// line, `LineJudge` reads them in place): a short line recurring across sources goes as
    /// learned-global at the position it holds, the story's lines stay; with learning off,
    /// nothing is learned.
    @Test func learnedCountsFollowTheirLines() throws {
        var configuration = CleaningConfiguration()
        configuration.globalThreshold = 2
        configuration.signals = [.learned]
        let cleaner = Cleaner(configuration: configuration, patterns: try Self.patterns())
        let furniture = "Subscribe to our newsletter now"
        for (round, topic) in ["harbour", "election", "weather"].enumerated() {
            let text = "The \(topic) story is told here in a full sentence.\n\(furniture)\nThe end of the \(topic) story comes here."
            let result = cleaner.clean(text, source: "site\(round).example")
            #expect(result.removed.map(\.text) == (round == 2 ? [furniture] : []))
            #expect(result.removed.allSatisfy { $0.rule == .learnedGlobal })
        }
        configuration.learningMode = .off
        let off = Cleaner(configuration: configuration, patterns: try Self.patterns())
        for (round, topic) in ["harbour", "election", "weather"].enumerated() {
            #expect(off.clean("The \(topic) story.\n\(furniture)", source: "s\(round).example").removed.isEmpty)
        }
    }

    @Test func flagsInsteadOfRemovingMostOfTheText() throws {
        let cleaner = Cleaner(patterns: try Self.patterns())
        let result = cleaner.clean("Advertisement\nShare\nRead more")
        #expect(result.flagged)
        #expect(result.flagReason == .allRemoved)
        #expect(result.text == "Advertisement\nShare\nRead more")
    }

    @Test func keepsAPlainStoryWhole() throws {
        let cleaner = Cleaner(patterns: try Self.patterns())
        let result = cleaner.clean(Self.story, language: "en")
        #expect(result.removed.isEmpty)
        #expect(result.text == Self.story)
        #expect(result.wordsBefore == result.wordsAfter)
    }

    @Test func removesEnglishFurnitureWithRules() throws {
        let cleaner = Cleaner(patterns: try Self.patterns())
        let text = "Home | News | Sport | Weather\n" + Self.story
            + "\n\nSign up for our daily newsletter\n\nRelated articles\n\nAnother story title here"
        let result = cleaner.clean(text, language: "en")
        #expect(result.text == Self.story)
        let rules = Set(result.removed.map(\.ruleID))
        #expect(rules.contains("link-list"))
        #expect(rules.contains("pattern:newsletter"))
        #expect(rules.contains("section-end:section-end"))
    }

    /// Prompts to pass a story on, to follow a site and the thanks for a newsletter sign-up go
    /// as patterns; a sentence about sharing something stays.
    @Test func removesSharePromptsAndSignUpThanks() throws {
        let cleaner = try PageStructureTests.cleaner()
        for (line, rule) in [("Enjoyed this piece? Share it with a friend!", "pattern:share"),
                             ("Follow Harbour Weekly on", "pattern:share"),
                             ("Thanks for signing up!", "pattern:newsletter"),
                             ("Bedankt voor je aanmelding!", "pattern:newsletter"),
                             ("Danke für Ihre Anmeldung.", "pattern:newsletter")] {
            let result = cleaner.clean(Self.story + "\n\n" + line, language: nil)
            #expect(result.removed.map(\.ruleID) == [rule], "\(line)")
            #expect(result.text == Self.story)
        }
        let sentence = "The skipper said he would share it with the crew."
        #expect(cleaner.clean(Self.story + "\n\n" + sentence, language: nil).removed.isEmpty)
    }

    @Test func cutsAReaderCommentThreadButNotAQuotedStatement() throws {
        let cleaner = Cleaner(patterns: try Self.patterns())
        let quoted = Self.story + "\n\nThe statement from the council says:\n\nWe will keep every promise we made to the people of this city this year."
        #expect(cleaner.clean(quoted, language: "en").removed.isEmpty)
        let comments = "\n\nmarty99 says:\n\nThis is the worst budget the council has ever passed and everyone in town knows it.\n\n"
            + "Jane on March 3, 2020 at 4:12 pm said:\n\nI think the mayor did a good job with a difficult budget and the opposition knows it too."
        let result = cleaner.clean(Self.story + comments, language: "en")
        #expect(result.text == Self.story)
        #expect(result.removed.allSatisfy { $0.ruleID == "section-end:comment-thread" })
    }

    /// A pattern matches lines of up to its `maxWords`; the lookups skip longer lines (longer
    /// than every pattern allows) without changing which lines match.
    @Test func patternsMatchUpToTheirWordLimit() throws {
        let patterns = try PatternSet(patternFiles: ["en": "teaser\tstart\t5\tread more\nteaser\tstart\t3\tsee also"],
                                      stoplists: [:])
        #expect(patterns.maxPhraseWords == 5)
        let cleaner = Cleaner(patterns: patterns)
        let text = "read more about this now\n\nread more about this right now\n\nsee also this\n\nsee also this one"
        let analysis = cleaner.analyze(text, language: nil, usePatterns: true)
        #expect(analysis.lines.map { $0.pattern >= 0 } == [true, false, true, false])
    }

    /// The patterns sharing a first token are tried longest phrase first, and the loop over
    /// them stops where none of the rest allows the line's length (`patternReach`): a line
    /// too long for the first ones still matches a later one that allows it, and a line within
    /// every limit matches the first, as before.
    @Test func patternGroupsStopOnlyPastEveryRemainingLimit() throws {
        let file = "teaser\tstart\t8\tread more now\nteaser\tstart\t4\tread more\nteaser\tstart\t2\tread"
        let patterns = try PatternSet(patternFiles: ["en": file], stoplists: [:])
        #expect(patterns.patternReach == [8, 4, 2])  // one group, longest phrase first
        let cleaner = Cleaner(patterns: patterns)
        let lines = ["read more now", "read more now please do", "read more please", "read more please do it", "read this",
                     "read this now"]
        let analysis = cleaner.analyze(lines.joined(separator: "\n\n"), language: nil, usePatterns: true)
        let matched = analysis.lines.map { line in analysis.pattern(of: line).map { $0.tokens.count } ?? 0 }
        // "read more now" allows 8 words, "read more" 4, "read" 2: a line of 5 words not starting
        // "read more now" stops after the first pattern; one of 3 after the second.
        #expect(matched == [3, 3, 2, 0, 1, 0])
    }

    @Test func patternDataRejectsMalformedLines() {
        #expect(throws: CleaningDataError.self) {
            _ = try PatternSet(patternFiles: ["en": "teaser\tstart\tread more"], stoplists: [:])
        }
        #expect(throws: CleaningDataError.self) {
            _ = try PatternSet(patternFiles: ["en": "teaser\tsomewhere\t5\tread more"], stoplists: [:])
        }
    }
}
