/// Knobs of the cleaner. Defaults are the daemon's; the evaluation tool states any it changes.
public struct CleaningConfiguration: Sendable, Equatable {
    /// Which evidence may remove a line. Turning one off is how the signals are compared.
    public struct Signals: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Known furniture phrases from the pattern data.
        public static let patterns = Signals(rawValue: 1 << 0)
        /// Lines recurring across documents of one source (and, for short lines, of all sources).
        public static let learned = Signals(rawValue: 1 << 1)
        /// Line shape: length, sentence punctuation, stopword density, link lists, in-document
        /// repeats and the position relative to the main run of prose.
        public static let structure = Signals(rawValue: 1 << 2)

        public static let all: Signals = [.patterns, .learned, .structure]
    }

    /// Whether a call to `clean` also feeds the per-source memory.
    public enum LearningMode: Sendable, Equatable {
        /// Steady-state daemon behaviour: read what earlier documents taught, then record this one.
        case learnAndApply
        /// Read only; nothing recorded (replays, evaluation after a warm-up pass).
        case applyOnly
        /// Neither read nor record.
        case off
    }

    /// Above this share of words removed, the article is kept whole and flagged instead: a
    /// cleaner that eats most of a story is more likely wrong than the story is furniture.
    public var maxRemovedShare: Double = 0.6
    public var signals: Signals = .all
    public var learningMode: LearningMode = .learnAndApply
    /// A line is furniture of a source once it was seen in this many earlier documents of it.
    public var sourceThreshold: Int = 3
    /// Short lines seen in this many earlier documents of any source are furniture too
    /// ("Advertisement", "Share this article"): cross-site boilerplate is short and generic.
    public var globalThreshold: Int = 3
    /// Lines up to this many words may be judged by the cross-source memory.
    public var globalMaxWords: Int = 12
    /// Counts older than this many documents (counted over all sources) start again, so a
    /// line that stopped recurring is forgotten and a site redesign is re-learned.
    public var learningWindow: Int = 20_000
    /// Slots of the bounded line-hash table (rounded up to a power of two); 16 bytes each.
    public var learningCapacity: Int = 1 << 18
    /// A line needs this many words (CJK characters count one half) to count as prose.
    public var proseMinWords: Int = 12
    /// Prose needs at least this share of stopwords when the language has a stoplist.
    public var minStopwordDensity: Double = 0.2
    /// What a non-prose line costs when locating the main run of prose, in words.
    public var shortLinePenalty: Double = 10

    public init() {}
}
