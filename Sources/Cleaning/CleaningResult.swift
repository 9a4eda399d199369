/// Why a line was removed. The raw value is the rule id written to the `clean` output.
public enum RemovalRule: String, Sendable, Hashable, CaseIterable {
    /// A furniture phrase from the pattern data; `RemovedLine.category` tells which kind.
    case pattern
    /// Recurred across earlier documents of the same source.
    case learnedSource = "learned-source"
    /// A short line recurring across earlier documents of many sources.
    case learnedGlobal = "learned-global"
    /// A sentence-length line that occurs more than once in this document.
    case repeated
    /// Several short items separated by `|`, `•`, `·`, `»` and the like.
    case linkList = "link-list"
    /// A marker such as "Related articles" and the teaser titles after it.
    case sectionEnd = "section-end"
    /// Before or after the main run of prose: short, unpunctuated or low in stopwords; with
    /// category "headline", a teaser headline inside it.
    case outsideMainText = "outside-main-text"
}

public struct RemovedLine: Sendable, Hashable {
    public var text: String
    public var rule: RemovalRule
    /// For `.pattern` and `.sectionEnd`: the pattern category (e.g. "teaser", "consent").
    public var category: String?

    public init(text: String, rule: RemovalRule, category: String? = nil) {
        self.text = text
        self.rule = rule
        self.category = category
    }

    /// `rule` or `rule:category`, the id written to the output.
    public var ruleID: String {
        if let category { return "\(rule.rawValue):\(category)" }
        return rule.rawValue
    }
}

public struct CleaningResult: Sendable {
    /// The cleaned text: kept lines, paragraph breaks preserved. When `flagged`, the whole
    /// normalised text.
    public var text: String
    /// What cleaning removed (or, when flagged, would have removed), in document order.
    public var removed: [RemovedLine]
    public var linesBefore: Int
    public var linesAfter: Int
    public var wordsBefore: Int
    public var wordsAfter: Int
    /// The language whose stoplist judged stopword density (given or detected), if any.
    public var language: String?
    /// True when the removal was refused; `flagReason` says why.
    public var flagged: Bool
    public var flagReason: FlagReason?

    public enum FlagReason: String, Sendable, Hashable {
        /// Everything would have gone.
        case allRemoved = "all-removed"
        /// More than `maxRemovedShare` of the words would have gone.
        case tooMuchRemoved = "too-much-removed"
    }
}
