/// Result of identifying one text. Plain stored properties so the pipeline adapter can serialise it.
public struct LanguageGuess: Sendable, Equatable {
    /// ISO 639-1 code (639-3 where none exists); `und` when the text has fewer than 3 letters.
    public var code: String
    /// Probability-like score in 0…1; answers at ≥ 0.9 are meant to be right ≥ 99 % of the time.
    public var confidence: Double
    /// Up to three best languages, best first, with their normalised scores (sum ≤ 1).
    public var alternatives: [LanguageScore]
    /// True when `confidence` reaches `LanguageIdentifier.reliableThreshold`.
    public var reliable: Bool

    public init(code: String, confidence: Double, alternatives: [LanguageScore], reliable: Bool) {
        self.code = code
        self.confidence = confidence
        self.alternatives = alternatives
        self.reliable = reliable
    }

    /// The answer for text too short or too foreign to judge.
    public static let undetermined = LanguageGuess(code: "und", confidence: 0, alternatives: [], reliable: false)
}

public struct LanguageScore: Sendable, Equatable {
    public var code: String
    public var score: Double

    public init(code: String, score: Double) {
        self.code = code
        self.score = score
    }
}

/// A run of paragraphs in one language; `utf8Range` counts UTF-8 bytes from the text's start.
public struct LanguageSegment: Sendable, Equatable {
    public var code: String
    public var confidence: Double
    public var utf8Range: Range<Int>

    public init(code: String, confidence: Double, utf8Range: Range<Int>) {
        self.code = code
        self.confidence = confidence
        self.utf8Range = utf8Range
    }
}
