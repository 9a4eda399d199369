import Cleaning
import Dedupe
import LanguageID
import Logging
import Pipeline
import Tagging

/// libFuzzer entry: every input goes through the decoder; what decodes goes through
/// `[clean, language, dedupe, tag]` and the encoder, as a worker would run it. Independently, the
/// input's bytes (lossily decoded as UTF-8) go through each stage as article text, so the stages
/// see arbitrary text even when the JSON does not parse. A crash, a hang (libFuzzer's -timeout) or
/// a sanitizer report is a finding.
enum Fuzzing {
    static let decoder = ArticleDecoder()
    static let logger = Logger(label: "articled.fuzz")
    static let stages: [any Stage] = {
        do {
            return [
                try CleaningStage(parameters: DictionaryStageParameters(stageName: "clean")),
                try LanguageStage(parameters: DictionaryStageParameters(stageName: "language")),
                try DedupeStage(parameters: DictionaryStageParameters(stageName: "dedupe", values: ["changelog_topic": "off"])),
                try TaggingStage(parameters: DictionaryStageParameters(stageName: "tag")),
            ]
        } catch {
            // A fuzzer without its stages would only test the decoder: say so and stop.
            logger.critical("cannot load the stages", metadata: ["error": "\(error)"])
            return []
        }
    }()
    static let encoder = EnrichedRecordEncoder(pipeline: PipelineDescription(
        articledVersion: "fuzz", stages: stages.map { .init(name: $0.name, version: $0.version) }))

    static func run(_ bytes: [UInt8]) {
        let context = StageContext(position: nil, attempt: 1, logger: logger)
        if let raw = try? decoder.decode(value: bytes, key: nil) {
            var article = Article(raw: raw, position: nil, receivedAtMilliseconds: 0)
            for stage in stages {
                guard case .proceed = stage.process(&article, context: context) else { break }
            }
            for action in article.afterAcknowledgement { action() }
            _ = encoder.encode(article, processedAtMilliseconds: 0)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let raw = RawArticle(id: "fuzz", idSource: .field, text: text, format: .text)
        for stage in stages {
            var article = Article(raw: raw, position: nil, receivedAtMilliseconds: 0)
            _ = stage.process(&article, context: context)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    Fuzzing.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

// SwiftPM links an executable's entry point as `<Module>_main`; with `-parse-as-library` there is
// none, so hand control to libFuzzer's driver from it.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("ArticleFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    // Load the stages' data before the driver starts its clock: under ASan on a busy 2-core box
    // loading took longer than the 10 s a unit may run, and the first input was reported as a hang.
    _ = Fuzzing.encoder
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
