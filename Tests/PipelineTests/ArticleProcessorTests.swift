import Testing
@testable import Pipeline

@Suite struct ArticleProcessorTests {
    struct Failing: Stage {
        let name = "failing"
        let version = "1"
        func process(_ article: inout Article) -> StageOutcome {
            .fail(StageFailure(stage: name, message: "cannot", retriable: false))
        }
    }

    struct Marking: Stage {
        struct Mark: StageResult {
            func write(to writer: inout JSONWriter) { writer.object { $0.field("seen", true) } }
        }
        let name = "mark"
        let version = "2"
        func process(_ article: inout Article) -> StageOutcome {
            article.record(Mark(), for: name)
            return .proceed
        }
    }

    let position = SourcePosition(topic: "in", partition: 2, offset: 7, timestampMilliseconds: 1_000)

    func processor(_ stages: [any Stage]) -> ArticleProcessor {
        ArticleProcessor(
            decoder: ArticleDecoder(), stages: stages,
            encoder: EnrichedRecordEncoder(pipeline: PipelineDescription(
                articledVersion: "test", stages: stages.map { .init(name: $0.name, version: $0.version) }))
        )
    }

    @Test func enrichedRecordCarriesSchemaSourceAndStageResults() throws {
        let outcome = processor([Marking()]).process(
            value: Array(#"{"id":"a","text":"Hello.","extra":1}"#.utf8), key: nil, position: position, now: { 2_000 })
        guard case .publish(let key, let value, let id) = outcome else {
            Issue.record("expected publish, got \(outcome)")
            return
        }
        #expect(key == Array("a".utf8) && id == "a")
        let json = try JSONParser.parse(value)
        #expect(json["schema_version"] == .number("1"))
        #expect(json["input"]?["partition"] == .number("2"))
        #expect(json["input"]?["offset"] == .number("7"))
        #expect(json["received_at"]?.stringValue == "1970-01-01T00:00:02.000Z")
        #expect(json["article"]?["text"]?.stringValue == "Hello.")
        #expect(json["article"]?["raw"]?["extra"] == .number("1"))
        #expect(json["mark"]?["seen"] == .bool(true))
        #expect(json["pipeline_version"]?.stringValue?.hasPrefix("test+") == true)
    }

    @Test func undecodableInputBecomesADeadLetterWithItsPosition() {
        let outcome = processor([]).process(value: [0xff, 0xfe], key: nil, position: position)
        guard case .deadLetter(let letter) = outcome else {
            Issue.record("expected dead letter")
            return
        }
        #expect(letter.errorClass == .decode)
        let headers = Dictionary(uniqueKeysWithValues: letter.headers)
        #expect(headers[DeadLetter.Header.topic] == "in")
        #expect(headers[DeadLetter.Header.partition] == "2")
        #expect(headers[DeadLetter.Header.offset] == "7")
        #expect(headers[DeadLetter.Header.errorClass] == "decode")
    }

    @Test func aFailingStageDeadLettersWithTheStageName() {
        let outcome = processor([Failing()]).process(value: Array("text".utf8), key: nil, position: position)
        guard case .deadLetter(let letter) = outcome else {
            Issue.record("expected dead letter")
            return
        }
        #expect(letter.errorClass == .stage && letter.stage == "failing")
    }
}
