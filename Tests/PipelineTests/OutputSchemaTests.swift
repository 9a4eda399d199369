import Foundation
import Testing
@testable import Pipeline

@Suite struct OutputSchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    func schema() throws -> JSONValue {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("Config/schema/enriched-article.schema.json"))
        return try JSONParser.parse(Array(data))
    }

    /// Every committed sample that decodes must encode to a record valid under the shipped schema.
    @Test func samplesEncodeToSchemaValidRecords() async throws {
        let schema = try schema()
        let samples = Self.repository.appendingPathComponent("Config/samples")
        let files = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.first?.isNumber == true }.sorted()
        #expect(files.count >= 20)
        let processor = ArticleProcessor(
            decoder: ArticleDecoder(), stages: [],
            encoder: EnrichedRecordEncoder(pipeline: PipelineDescription(articledVersion: "test", stages: []))
        )
        var published = 0
        for (index, file) in files.enumerated() {
            let bytes = Array(try Data(contentsOf: samples.appendingPathComponent(file)))
            let position = SourcePosition(topic: "articles.raw", partition: 0, offset: Int64(index), timestampMilliseconds: 1_700_000_000_000)
            guard case .publish(let publication) = await processor.process(value: bytes, key: nil, position: position) else { continue }
            let value = publication.value
            published += 1
            let record = try JSONParser.parse(value)
            let errors = MiniSchemaValidator.errors(record, schema: schema)
            #expect(errors.isEmpty, "\(file): \(errors)")
        }
        #expect(published >= 20)
    }

    @Test func validatorRejectsWhatTheSchemaForbids() throws {
        let schema = try schema()
        let bad = try JSONParser.parse(Array(#"{"schema_version":2,"id":"","stages":[{}]}"#.utf8))
        let errors = MiniSchemaValidator.errors(bad, schema: schema)
        #expect(errors.contains { $0.contains("enum") })
        #expect(errors.contains { $0.contains("missing required \"article\"") })
        #expect(errors.contains { $0.contains("$.stages[0]") })
    }
}
