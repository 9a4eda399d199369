import Foundation
import Pipeline

/// The `clean` stage: replaces the article text later stages read with the cleaned text, and
/// records what it removed and why, so an operator can audit every decision.
public struct CleaningStage: Stage {
    public let name = "clean"
    /// 2: the comments' heading ends the story, teaser headlines inside it and stopword-free
    /// short lines around it go, sentences next to it stay (2026-11-27). 3: lists and tables at
    /// the story's edges stay with it, pictures' captions inside it go (also with the credit on
    /// their line), so do the author's box and the writer's closing note; stoplists hold no other
    /// language's words (2026-11-27, later).
    public let version = "3"
    public var isStateful: Bool { true }
    let cleaner: Cleaner

    /// Keys under `stages.clean`.
    public static let parameterKeys: Set<String> = ["max_removed_share", "learning", "source_threshold", "learning_window",
                                                    "extra_patterns"]

    public init(parameters: any StageParameters) throws {
        var configuration = CleaningConfiguration()
        configuration.maxRemovedShare = try parameters.double("max_removed_share", default: configuration.maxRemovedShare, in: 0...1)
        configuration.learningMode = try parameters.bool("learning", default: true) ? .learnAndApply : .off
        configuration.sourceThreshold = try parameters.int("source_threshold", default: configuration.sourceThreshold, in: 1...1_000)
        configuration.learningWindow = try parameters.int("learning_window", default: configuration.learningWindow, in: 100...10_000_000)
        // A directory of `<lang>.tsv` files: the operator's own furniture phrases, added to the shipped ones.
        let extra = try parameters.string("extra_patterns").map { URL(fileURLWithPath: $0) }
        cleaner = Cleaner(configuration: configuration, patterns: try PatternSet.loadDefault(extraPatterns: extra))
    }

    public init(cleaner: Cleaner) {
        self.cleaner = cleaner
    }

    public func process(_ article: inout Article, context: StageContext) -> StageOutcome {
        let source = article.raw.source ?? article.raw.url.flatMap(Self.host(of:))
        let result = cleaner.clean(article.text, language: article.language, source: source)
        if !result.flagged { article.text = result.text }
        article.record(CleaningOutput(result: result), for: name)
        return .proceed
    }

    /// `https://www.example.org/a?b` → `www.example.org`: per-site learning keys on the host.
    static func host(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return host.isEmpty ? nil : host.lowercased()
    }
}

/// `clean` in the enriched record.
struct CleaningOutput: StageResult {
    let result: CleaningResult

    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.field("text", result.text)
            json.field("flagged", result.flagged)
            json.field("flag_reason", result.flagReason?.rawValue)
            json.field("lines_before", result.linesBefore)
            json.field("lines_after", result.linesAfter)
            json.field("words_before", result.wordsBefore)
            json.field("words_after", result.wordsAfter)
            json.key("removed")
            json.array { removed in
                for line in result.removed {
                    removed.object { entry in
                        entry.field("line", line.text)
                        entry.field("rule", line.ruleID)
                    }
                }
            }
        }
    }
}
