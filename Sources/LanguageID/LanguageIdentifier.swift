import Foundation

/// Identifies the language of a text: script first, then n-gram + word scores among the languages
/// written in that script. Immutable after init, so one instance serves all worker threads.
public final class LanguageIdentifier: Sendable {
    /// Confidence at or above which a guess is flagged `reliable`.
    public static let reliableThreshold = 0.9
    /// Fewer letters than this → `und` (one Han, kana or Hangul character already carries a
    /// syllable or a word, so any of those suffices).
    public static let minimumLetters = 3
    /// Texts longer than this (UTF-8 bytes) get the whole-word first pass.
    static let longTextBytes = 600

    public let model: LanguageModel
    let chars = CharacterTable()
    let languageScripts: [Script]
    private let languageGroups: [Int?]
    /// Bit per `Script` raw value: scripts at least one modelled language is written in.
    let scoredScripts: UInt32
    /// Model languages written in each script (index = `Script` raw value), for calls without
    /// candidates, so deciding needs no per-call pool building.
    let scriptPools: [[Int]]
    /// `scriptPools` as masks over the score buffer (`leads`): `scoreCount` entries per script,
    /// -1 for the script's languages, 0 for the others.
    let scriptPoolMasks: [Int32]
    /// `model.languages` as `packedKey`s for `modelIndex(of:)`; nil if a code does not pack.
    let languageKeys: [UInt64]?

    public init(model: LanguageModel) {
        self.model = model
        let scripts = model.languages.map(LanguageCatalog.script(of:))
        languageScripts = scripts
        languageGroups = model.languages.map(LanguageCatalog.confusableGroup(of:))
        // Kana stays scored: Japanese words mix kana and Han, and the model has their n-grams.
        scoredScripts = languageScripts.reduce(UInt32(1) << Script.kana.rawValue) { $0 | 1 << $1.rawValue }
        scriptPools = Script.allCases.map { script in
            scripts.indices.filter { scripts[$0] == script }
        }
        let width = max(scripts.count, LanguageModel.denseWidth)
        var masks = [Int32](repeating: 0, count: Script.count * width)
        for (script, pool) in scriptPools.enumerated() {
            for i in pool { masks[script * width + i] = -1 }
        }
        scriptPoolMasks = masks
        let keys = model.languages.compactMap(Self.packedKey)
        languageKeys = keys.count == model.languages.count ? keys : nil
    }

    /// Loads the model from `LanguageModel.defaultDataDirectory()`.
    public static func loadDefault() throws(LanguageModelError) -> LanguageIdentifier {
        guard let dir = LanguageModel.defaultDataDirectory() else { throw .dataDirectoryNotFound }
        return LanguageIdentifier(model: try LanguageModel(contentsOf: dir.appendingPathComponent(LanguageModel.fileName)))
    }

    /// All codes this identifier can answer.
    public var supportedLanguages: [String] {
        model.languages + LanguageCatalog.scriptOnly
    }

    /// `candidates` restricts the answer (e.g. a feed known to be nl/en/fr/de); nil allows all.
    public func identify(_ text: String, candidates: Set<String>? = nil) -> LanguageGuess {
        identify(text[...], candidates: candidates)
    }

    public func identify(_ text: Substring, candidates: Set<String>? = nil) -> LanguageGuess {
        identify(text, candidates: candidates, wordsFirstAbove: Self.longTextBytes)
    }

    /// `wordsFirstAbove`: texts longer than this many UTF-8 bytes try the whole-word pass first.
    /// `wordsSuffice`: take the word pass's answer even when it is not decisive (no n-gram pass).
    /// The segmenter uses both: an article's lines are many short texts, and the n-gram pass on
    /// each of them cost ~8–15 µs, more than the whole article's guess.
    func identify(_ text: Substring, candidates: Set<String>?, wordsFirstAbove: Int, wordsSuffice: Bool = false) -> LanguageGuess {
        identifyNotingWordPass(text, candidates: candidates, wordsFirstAbove: wordsFirstAbove, wordsSuffice: wordsSuffice).guess
    }

    /// `identify`, and where a decisive whole-word pass stopped reading (UTF-8 offset) when that
    /// pass alone decided; nil otherwise. Up to there the guess depends on nothing after it.
    func identifyNotingWordPass(_ text: Substring, candidates: Set<String>?, wordsFirstAbove: Int,
                                wordsSuffice: Bool = false) -> (guess: LanguageGuess, decisiveEnd: Int?) {
        withScores { scores in
            // Long texts (articles) first try whole words only, which settles most of them at a
            // fraction of the cost; short or unsettled texts get the full n-gram scoring.
            var minLettersForStop = 150
            var maxScalars = 400
            if text.utf8.count > wordsFirstAbove {
                let (tally, decisive, end) = WordScorer.score(text, model: model, chars: chars, into: scores,
                                                              scoredScripts: scoredScripts)
                // A script no modelled language uses (Thai, Greek, …) decides by itself.
                if decisive || wordsSuffice || scoredScripts & (1 << dominantScript(tally).rawValue) == 0 {
                    return (decide(scores: scores, tally: tally, candidates: candidates, wordPass: true), decisive ? end : nil)
                }
                scores.update(repeating: 0)
                minLettersForStop = 40
                maxScalars = 300
            }
            // One to a few words: their whole-word evidence gets the model's short-text weight.
            var wordWeight: Int32? = nil
            if !model.shortWordWeights.isEmpty, text.utf8.count <= LanguageModel.shortTextBytes {
                let words = FeatureScorer.countWords(text, chars: chars, limit: model.shortWordWeights.count)
                wordWeight = model.wordWeight(forWords: words)
            }
            let tally = FeatureScorer.score(text, model: model, chars: chars, into: scores,
                                            scoredScripts: scoredScripts, maxScalars: maxScalars,
                                            minLettersForStop: minLettersForStop, wordWeight: wordWeight)
            return (decide(scores: scores, tally: tally, candidates: candidates, wordWeight: wordWeight), nil)
        }
    }

    private func decide(
        scores: UnsafeMutableBufferPointer<Int32>,
        tally: FeatureScorer.Tally,
        candidates: Set<String>?,
        wordWeight: Int32? = nil,
        wordPass: Bool = false
    ) -> LanguageGuess {
        let script = dominantScript(tally)
        let syllabic = tally.scriptCounts[Int(Script.han.rawValue)] + tally.scriptCounts[Int(Script.kana.rawValue)]
            + tally.scriptCounts[Int(Script.hangul.rawValue)]
        guard tally.letters >= Self.minimumLetters || syllabic > 0 else { return .undetermined }
        var pool: [Int]
        if let candidates {
            pool = scriptPools[Int(script.rawValue)].filter { candidates.contains(model.languages[$0]) }
        } else {
            pool = scriptPools[Int(script.rawValue)]
        }
        if pool.isEmpty, let sole = script.soleLanguage, candidates?.contains(sole) ?? true {
            let own = tally.scriptCounts[Int(script.rawValue)]
                + (script == .kana ? tally.scriptCounts[Int(Script.han.rawValue)] : 0)
            let share = Double(own) / Double(tally.letters)
            let confidence = min(0.99, share)
            return LanguageGuess(code: sole, confidence: confidence,
                                 alternatives: [LanguageScore(code: sole, score: confidence)],
                                 reliable: confidence >= Self.reliableThreshold)
        }
        if pool.isEmpty, let candidates {
            pool = model.languages.indices.filter { candidates.contains(model.languages[$0]) }
        }
        guard !pool.isEmpty else { return .undetermined }
        // A short text's word counted `wordWeight` instead of `model.wordWeight` times inflates its
        // scores by about that ratio; the temperatures follow so the confidence stays calibrated.
        let inflation = Float(wordWeight ?? model.wordWeight) / Float(model.wordWeight)
        // The word pass's scores are a fraction of the n-gram pass's: it has its own fitted
        // temperature, and the group temperature keeps the n-gram fit's ratio to the plain one.
        let temperatures = wordPass
            ? (model.wordPassTemperature, model.wordPassTemperature * model.groupTemperature / model.temperature)
            : (model.temperature, model.groupTemperature)
        let guess = tally.hits > 0
            ? rank(pool: pool, scores: scores, letters: tally.letters, inflation: inflation,
                   temperatures: temperatures) : .undetermined
        if guess.code == "und", let sole = script.soleLanguage, candidates?.contains(sole) ?? true {
            // Nothing in the text is known to the model (e.g. one rare Han character): the script's
            // majority language is the best bet, but not a confident one.
            return LanguageGuess(code: sole, confidence: 0.5, alternatives: [LanguageScore(code: sole, score: 0.5)],
                                 reliable: false)
        }
        return guess
    }

    private func rank(pool: [Int], scores: UnsafeMutableBufferPointer<Int32>, letters: Int,
                      inflation: Float, temperatures: (plain: Float, group: Float)) -> LanguageGuess {
        var best = Int32.min
        for i in pool { best = max(best, scores[i]) }
        guard best > 0 else { return .undetermined }
        // Naive Bayes over overlapping n-grams counts the same evidence several times, so raw
        // posteriors are far too sharp; the temperatures come from the model's calibration.
        var leader = pool[0]
        for i in pool where scores[i] > scores[leader] { leader = i }
        let group = languageGroups[leader]
        let stretch = (1 + model.shortTextLetters / Float(max(1, letters))) * inflation
        let unit = model.scale * temperatures.plain * stretch
        let groupUnit = model.scale * temperatures.group * stretch
        // One pass: the softmax denominator and the three largest terms (no sorting, no arrays).
        var total = 0.0
        var top = ((-1, -1.0), (-1, -1.0), (-1, -1.0))
        for i in pool {
            let u = group != nil && languageGroups[i] == group ? groupUnit : unit
            let w = Double(expf(Float(scores[i] - best) / u))
            total += w
            if w > top.2.1 {
                if w > top.1.1 {
                    top.2 = top.1
                    if w > top.0.1 {
                        top.1 = top.0
                        top.0 = (i, w)
                    } else {
                        top.1 = (i, w)
                    }
                } else {
                    top.2 = (i, w)
                }
            }
        }
        var alternatives: [LanguageScore] = []
        alternatives.reserveCapacity(3)
        func add(_ entry: (Int, Double)) {
            if entry.0 >= 0 { alternatives.append(LanguageScore(code: model.languages[entry.0], score: entry.1 / total)) }
        }
        add(top.0)
        add(top.1)
        add(top.2)
        let confidence = alternatives[0].score
        return LanguageGuess(code: alternatives[0].code, confidence: confidence, alternatives: alternatives,
                             reliable: confidence >= Self.reliableThreshold)
    }

    /// The script with most letters; Han counts as Japanese when kana make up a real share of it.
    /// The counts are read through the vector's bytes (a variable index into a SIMD value is a
    /// shuffle per element).
    func dominantScript(_ tally: FeatureScorer.Tally) -> Script {
        withUnsafeBytes(of: tally.scriptCounts) { raw in
            func count(_ script: Script) -> Int32 { raw.load(fromByteOffset: Int(script.rawValue) &* 4, as: Int32.self) }
            // Latin with more than half the letters beats every other script and kana and Han
            // together: most lines and articles, answered without the scan below.
            if Int(count(.latin)) &* 2 > tally.letters { return .latin }
            let kana = count(.kana)
            let han = count(.han)
            // Raw values in declaration order (`Script.all`'s), skipping `.other`, kana and Han: a
            // loop over the enum array with its filter was ~220 instructions a call, per line.
            var best: UInt8 = Script.other.rawValue
            var bestCount: Int32 = 0
            for value in UInt8(1)..<UInt8(Script.count) where value != Script.kana.rawValue && value != Script.han.rawValue {
                let c = raw.load(fromByteOffset: Int(value) &* 4, as: Int32.self)
                if c > bestCount {
                    best = value
                    bestCount = c
                }
            }
            if kana + han > bestCount {
                return kana * 20 >= kana + han && kana > 0 ? .kana : .han
            }
            return Script(rawValue: best) ?? .other
        }
    }
}
