import ArticleCorpus
import Benchmark
import Cleaning
import Dedupe
import Foundation
import LanguageID
import Logging
import Pipeline
import Synchronization
import Tagging

// One benchmark per stage and one for the whole chain, on 4 KB articles mixed from the committed
// samples (nine languages, furniture, syndicated copies; `ArticleCorpus.SampleCorpus`). One
// iteration = one article. Each stage sees what it sees in the daemon: the stages before it in
// `[clean, language, dedupe, tag]` have already run. The chain runs `ArticleProcessor` exactly as a
// daemon worker does (decode → stages → encode → after-acknowledgement hooks), without Kafka.

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.cpuTotal, .wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        // One iteration = 1 000 articles, so CPU time (10 ms ticks) resolves to 10 µs per article;
        // the starred (scaled) rows are per article.
        scalingFactor: .kilo,
        maxDuration: .seconds(10),
        maxIterations: 20
    )
    let fixtures: Fixtures
    do {
        fixtures = try Fixtures()
    } catch {
        print("benchmark fixtures: \(error)")
        return
    }

    for (index, stage) in fixtures.stages.enumerated() {
        let inputs = fixtures.inputs(of: index)
        Benchmark("stage \(stage.name) (4 KB article)", configuration: configuration) { benchmark in
            let context = StageContext(position: nil, attempt: 1, logger: fixtures.logger)
            for iteration in benchmark.scaledIterations {
                var article = inputs[iteration % inputs.count]
                blackHole(stage.process(&article, context: context))
            }
        }
    }

    Benchmark("chain passthrough: decode + encode (4 KB article)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            let next = fixtures.nextRecord(fixtures.passthroughCursor)
            blackHole(await fixtures.passthrough.run(next.record, next.offset))
        }
    }

    Benchmark("chain clean+language+dedupe+tag: decode, stages, encode (4 KB article)", configuration: configuration) { benchmark in
        // Built once (its models load in ~0.3 s); the records run on across iterations, so each
        // article is new to dedupe until the set wraps around.
        for _ in benchmark.scaledIterations {
            let next = fixtures.nextRecord(fixtures.chainCursor)
            blackHole(await fixtures.fullChain.run(next.record, next.offset))
        }
    }
}

/// Inputs built once per process: the corpus articles and each stage's input articles.
struct Fixtures: Sendable {
    /// Enough for the chain's warm-up and 20 iterations of 1 000 without repeating an id.
    static let articleCount = 24_576
    static let bytesPerArticle = 4_096
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config/samples")

    let logger = Logger(label: "articled.benchmarks")
    let records: [[UInt8]]
    let stages: [any Stage]
    /// `stageInputs[i]`: articles as stage `i` receives them.
    let stageInputs: [[Article]]
    let passthrough: Chain
    let fullChain: Chain
    let passthroughCursor = Counter()
    let chainCursor = Counter()

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    func nextRecord(_ cursor: Counter) -> (record: [UInt8], offset: Int) {
        let offset = cursor.value.add(1, ordering: .relaxed).oldValue
        return (records[offset % records.count], offset)
    }

    init() throws {
        let corpus = try SampleCorpus(directory: Self.samples)
        records = (0..<Self.articleCount).map { corpus.json(index: $0, approximateBytes: Self.bytesPerArticle) }
        stages = try Self.makeStages()
        passthrough = try Self.chain(stages: [])
        fullChain = try Self.chain(stages: Self.makeStages())
        let decoder = ArticleDecoder()
        var articles = try records.prefix(1_024).map { record in
            Article(raw: try decoder.decode(value: record, key: nil), position: nil, receivedAtMilliseconds: 0)
        }
        var inputs: [[Article]] = []
        let context = StageContext(position: nil, attempt: 1, logger: logger)
        for stage in stages {
            inputs.append(articles)
            for index in articles.indices {
                _ = stage.process(&articles[index], context: context)
                // Dedupe learns an article only once it is acknowledged; do that here, so its
                // benchmark looks up against 1 024 known fingerprints.
                for action in articles[index].afterAcknowledgement { action() }
            }
        }
        stageInputs = inputs
    }

    func inputs(of stage: Int) -> [Article] { stageInputs[stage] }

    static func makeStages() throws -> [any Stage] {
        [
            try CleaningStage(parameters: DictionaryStageParameters(stageName: "clean")),
            try LanguageStage(parameters: DictionaryStageParameters(stageName: "language")),
            try DedupeStage(parameters: DictionaryStageParameters(stageName: "dedupe", values: ["changelog_topic": "off"])),
            try TaggingStage(parameters: DictionaryStageParameters(stageName: "tag")),
        ]
    }

    static func chain(stages: [any Stage]) throws -> Chain {
        let pipeline = PipelineDescription(articledVersion: "bench", stages: stages.map { .init(name: $0.name, version: $0.version) })
        return Chain(processor: ArticleProcessor(
            decoder: ArticleDecoder(), stages: stages, encoder: EnrichedRecordEncoder(pipeline: pipeline)
        ))
    }
}

/// A daemon worker's work for one record, minus Kafka.
struct Chain: Sendable {
    let processor: ArticleProcessor

    func run(_ record: [UInt8], _ offset: Int) async -> Int {
        let position = SourcePosition(topic: "bench", partition: 0, offset: Int64(offset), timestampMilliseconds: nil)
        switch await processor.process(value: record, key: nil, position: position) {
        case .publish(let publication):
            for action in publication.afterAcknowledgement { action() }
            return publication.value.count
        case .drop(_, _, _, let afterAcknowledgement):
            for action in afterAcknowledgement { action() }
            return 0
        case .deadLetter:
            return -1
        }
    }
}
