import Logging
import Pipeline

/// The `tag` stage: entities, keywords, topics, dates, quantities and quotes, in the language the
/// `language` stage (or the input) set. Runs on the cleaned text when `clean` ran before it.
public struct TaggingStage: Stage {
    public let name = "tag"
    /// 2: entity mentions are `[start, end]` pairs (were `{"text", "start", "end"}` objects).
    /// 3: Dutch name cues (the word before a name, event heads, years, titles in quotes) type
    /// more Dutch entities, and differently (2026-11-27). 4: foreign cities' exonyms ("Keulen",
    /// "Neapel") join the city's entity, whose canonical name can change (2026-11-27, later).
    public let version = "4"
    let tagger: Tagger
    let fallbackLanguage: String
    /// How the tagger's data was loaded (from the cache or compiled), logged at start.
    let dataOutcome: TaggerDataCache.Outcome?

    /// Keys under `stages.tag`.
    public static let parameterKeys: Set<String> = ["fallback_language"]

    /// Loads the data through `TaggerDataCache.fromEnvironment()` (compiled on a miss).
    public init(parameters: any StageParameters) throws {
        let fallback = try parameters.string("fallback_language", default: "en")
        let (tagger, outcome) = try Tagger.loadDefault(cache: TaggerDataCache.fromEnvironment())
        self.init(tagger: tagger, fallbackLanguage: fallback, dataOutcome: outcome)
    }

    public init(tagger: Tagger, fallbackLanguage: String = "en", dataOutcome: TaggerDataCache.Outcome? = nil) {
        self.tagger = tagger
        self.fallbackLanguage = fallbackLanguage
        self.dataOutcome = dataOutcome
    }

    public func start(logger: Logger) async throws {
        switch dataOutcome {
        case .read(let path)?:
            logger.info("tagger data read from the cache", metadata: ["path": "\(path)"])
        case .compiledAndWritten(let path, let reason)?:
            logger.info("tagger data compiled and cached", metadata: ["path": "\(path)", "reason": "\(reason)"])
        case .compiled(let reason)?:
            logger.notice("tagger data compiled, not cached", metadata: ["reason": "\(reason)"])
        case nil:
            break
        }
    }

    public func process(_ article: inout Article, context: StageContext) -> StageOutcome {
        let result = tagger.tag(text: article.text, language: article.language ?? fallbackLanguage, publishedAt: article.raw.publishedAt)
        article.record(TaggingOutput(result: result), for: name)
        return .proceed
    }
}

/// `tag` in the enriched record. Offsets are UTF-8 byte offsets into the text the stage read
/// (`clean.text` when cleaning ran, else `article.text`); a mention is `[start, end]`.
struct TaggingOutput: StageResult {
    let result: TaggingResult

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("entities")
            json.array { list in
                // By index, not slices or entity copies (each retains and releases its references).
                // Through withUnsafeBufferPointer of the entities, forms and mentions: the same
                // retains and releases, and key/field no longer inlined (codec 95.4 k -> 100.9 k).
                for e in result.entities.indices {
                    list.object { entry in
                        entry.field("type", result.entities[e].type.code)
                        entry.field("name", result.entities[e].name)
                        entry.field("canonical", result.entities[e].canonical)
                        entry.field("count", result.entities[e].count)
                        entry.field("confidence", Self.rounded(result.entities[e].confidence))
                        entry.key("surface_forms")
                        entry.array { forms in
                            for form in result.entities[e].surfaceFormSlice { forms.string(result.surfaceForms[form]) }
                        }
                        // [start, end] pairs: the text is at those offsets and among
                        // `surface_forms`; objects repeating it made mentions half of a record.
                        entry.key("mentions")
                        entry.array { mentions in
                            for mention in result.entities[e].mentionSlice {
                                let range = result.mentions[mention].range
                                mentions.intPair(range.lowerBound, range.upperBound)
                            }
                        }
                    }
                }
            }
            json.key("keywords")
            json.array { list in
                for keyword in result.keywords {
                    list.object { entry in
                        entry.field("text", keyword.text)
                        entry.field("score", Self.rounded(keyword.score))
                    }
                }
            }
            json.key("topics")
            json.array { list in
                for topic in result.topics {
                    list.object { entry in
                        entry.field("code", topic.code)
                        entry.field("label", topic.label)
                        entry.field("score", Self.rounded(topic.score))
                    }
                }
            }
            json.key("dates")
            json.array { list in
                for date in result.dates {
                    list.object { entry in
                        entry.field("text", date.text)
                        entry.field("value", date.value)
                        entry.field("granularity", date.granularity.rawValue)
                        entry.field("qualifier", date.qualifier)
                        entry.field("start", date.range.lowerBound)
                    }
                }
            }
            json.key("quantities")
            json.array { list in
                for quantity in result.quantities {
                    list.object { entry in
                        entry.field("text", quantity.text)
                        entry.field("value", quantity.value)
                        entry.field("unit", quantity.unit)
                        entry.field("counted", quantity.counted)
                        entry.field("start", quantity.range.lowerBound)
                    }
                }
            }
            json.key("quotes")
            json.array { list in
                for quote in result.quotes {
                    list.object { entry in
                        entry.field("text", quote.text)
                        entry.field("speaker", quote.speakerCanonical ?? quote.speaker)
                        entry.field("confidence", Self.rounded(quote.confidence))
                        entry.field("start", quote.range.lowerBound)
                    }
                }
            }
        }
    }
}

extension EntityType {
    /// `rawValue` as a literal: the writer takes it without a UTF-8 view or escape test.
    var code: StaticString {
        switch self {
        case .person: "PER"
        case .location: "LOC"
        case .organization: "ORG"
        case .miscellaneous: "MISC"
        }
    }
}
