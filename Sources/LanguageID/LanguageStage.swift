import Pipeline

/// The `language` stage: detects the language of the (cleaned) text and sets it on the article,
/// so later stages choose their resources by it.
public struct LanguageStage: Stage {
    public let name = "language"
    public let version = "1"
    let identifier: LanguageIdentifier
    let candidates: Set<String>?

    /// Keys under `stages.language`.
    public static let parameterKeys: Set<String> = ["candidates"]

    public init(parameters: any StageParameters) throws {
        let identifier = try LanguageIdentifier.loadDefault()
        let candidates = try parameters.stringArray("candidates")
        if let candidates {
            let unknown = Set(candidates).subtracting(identifier.supportedLanguages)
            guard unknown.isEmpty else {
                throw StageParameterError(key: "stages.language.candidates", expected: "supported codes, unknown: \(unknown.sorted())")
            }
        }
        self.init(identifier: identifier, candidates: candidates.map(Set.init))
    }

    public init(identifier: LanguageIdentifier, candidates: Set<String>? = nil) {
        self.identifier = identifier
        self.candidates = candidates
    }

    public func process(_ article: inout Article, context: StageContext) -> StageOutcome {
        let (guess, segments) = identifier.identifyAndSegment(article.text, candidates: candidates)
        // More than one language among the segments: any code differs from the first (a Set of
        // the codes cost ~1 k instructions an article, for an answer that is almost always no).
        let mixed = segments.contains { $0.code != segments[0].code }
        if guess.code != "und" { article.language = guess.code }
        article.record(LanguageOutput(guess: guess, segments: mixed ? segments : []), for: name)
        return .proceed
    }
}

/// `language` in the enriched record.
struct LanguageOutput: StageResult {
    let guess: LanguageGuess
    let segments: [LanguageSegment]

    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.field("code", guess.code)
            json.field("confidence", (guess.confidence * 1000).rounded() / 1000)
            json.field("reliable", guess.reliable)
            json.key("alternatives")
            json.array { alternatives in
                for alternative in guess.alternatives.prefix(3) {
                    alternatives.object { entry in
                        entry.field("code", alternative.code)
                        entry.field("score", (alternative.score * 1000).rounded() / 1000)
                    }
                }
            }
            if !segments.isEmpty {
                json.key("segments")
                json.array { list in
                    for segment in segments {
                        list.object { entry in
                            entry.field("code", segment.code)
                            entry.field("confidence", (segment.confidence * 1000).rounded() / 1000)
                            entry.field("start", segment.utf8Range.lowerBound)
                            entry.field("end", segment.utf8Range.upperBound)
                        }
                    }
                }
            }
        }
    }
}
