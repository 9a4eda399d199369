import Synchronization
import Testing
@testable import Pipeline

@Suite struct ArticleProcessorTests {
    struct Failing: Stage {
        let name = "failing"
        let version = "1"
        func process(_ article: inout Article, context: StageContext) -> StageOutcome {
            .fail(StageFailure(stage: name, message: "cannot", retriable: false))
        }
    }

    struct Marking: Stage {
        struct Mark: StageResult {
            func write(to writer: inout JSONWriter) { writer.object { $0.field("seen", true) } }
        }
        let name = "mark"
        let version = "2"
        func process(_ article: inout Article, context: StageContext) -> StageOutcome {
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

    @Test func enrichedRecordCarriesSchemaSourceAndStageResults() async throws {
        let outcome = await processor([Marking()]).process(
            value: Array(#"{"id":"a","text":"Hello.","extra":1}"#.utf8), key: nil, position: position, now: { 2_000 })
        guard case .publish(let publication) = outcome else {
            Issue.record("expected publish, got \(outcome)")
            return
        }
        let (key, value, id) = (publication.key, publication.value, publication.articleID)
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

    @Test func undecodableInputBecomesADeadLetterWithItsPosition() async {
        let outcome = await processor([]).process(value: [0xff, 0xfe], key: nil, position: position)
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

    @Test func aFailingStageDeadLettersWithTheStageName() async {
        let outcome = await processor([Failing()]).process(value: Array("text".utf8), key: nil, position: position)
        guard case .deadLetter(let letter) = outcome else {
            Issue.record("expected dead letter")
            return
        }
        #expect(letter.errorClass == .stage && letter.stage == "failing")
    }
}

@Suite struct StageRetryAndHookTests {
    /// Fails retriably until `succeedOnAttempt`, then proceeds.
    struct Flaky: Stage {
        let name = "flaky"
        let version = "1"
        let succeedOnAttempt: Int
        func process(_ article: inout Article, context: StageContext) -> StageOutcome {
            context.attempt >= succeedOnAttempt ? .proceed : .fail(StageFailure(stage: name, message: "busy", retriable: true))
        }
    }

    struct Dropping: Stage {
        let name = "drop"
        let version = "1"
        let seen: Counter
        func process(_ article: inout Article, context: StageContext) -> StageOutcome {
            let seen = self.seen
            article.onAcknowledged { seen.increment() }
            return .drop(reason: "duplicate")
        }
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        func increment() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }

    let position = SourcePosition(topic: "in", partition: 0, offset: 1, timestampMilliseconds: nil)

    func processor(_ stages: [any Stage], attempts: Int) -> ArticleProcessor {
        ArticleProcessor(
            decoder: ArticleDecoder(), stages: stages,
            encoder: EnrichedRecordEncoder(pipeline: PipelineDescription(articledVersion: "t", stages: [])),
            retryPolicy: RetryPolicy(maxAttempts: attempts, initialBackoffMilliseconds: 1, maxBackoffMilliseconds: 2)
        )
    }

    @Test func retriableFailureIsRetriedUntilItSucceeds() async {
        let outcome = await processor([Flaky(succeedOnAttempt: 3)], attempts: 4).process(value: Array("x".utf8), key: nil, position: position)
        guard case .publish = outcome else {
            Issue.record("expected publish after retries, got \(outcome)")
            return
        }
    }

    @Test func retriesAreBoundedThenTheArticleIsDeadLetteredWithItsAttempts() async {
        let outcome = await processor([Flaky(succeedOnAttempt: 10)], attempts: 3).process(value: Array("x".utf8), key: nil, position: position)
        guard case .deadLetter(let letter) = outcome else {
            Issue.record("expected dead letter, got \(outcome)")
            return
        }
        #expect(letter.attempts == 3)
        #expect(letter.errorClass == .stage && letter.stage == "flaky")
    }

    @Test func backoffDoublesAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 10, initialBackoffMilliseconds: 100, maxBackoffMilliseconds: 1_000)
        #expect((1...6).map { policy.backoffMilliseconds(afterAttempt: $0) } == [100, 200, 400, 800, 1_000, 1_000])
    }

    @Test func droppedArticleCarriesItsAcknowledgementHooks() async {
        let counter = Counter()
        let outcome = await processor([Dropping(seen: counter)], attempts: 1).process(value: Array("x".utf8), key: nil, position: position)
        guard case .drop(_, let stage, let reason, let hooks) = outcome else {
            Issue.record("expected drop")
            return
        }
        #expect(stage == "drop" && reason == "duplicate")
        #expect(counter.count == 0, "hooks run only after the acknowledgement")
        hooks.forEach { $0() }
        #expect(counter.count == 1)
    }
}
