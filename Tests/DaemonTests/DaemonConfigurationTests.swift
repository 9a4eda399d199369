import Foundation
import Testing
@testable import Daemon
import Pipeline

@Suite struct DaemonConfigurationTests {
    @Test func defaultsApplyWithoutAFile() async throws {
        let configuration = try await DaemonConfiguration.load(file: nil, environment: [:])
        #expect(configuration == DaemonConfiguration())
        #expect(configuration.topics.input == ["articles.raw"])
    }

    @Test func theShippedExampleLoadsAndEnvironmentWinsOverIt() async throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Config/articled.yaml").standardized.path
        let configuration = try await DaemonConfiguration.load(file: example, environment: [
            "ARTICLED_KAFKA_BROKERS": "h1:1,h2:2",
            "ARTICLED_PROCESSING_WORKERS": "4",
            "ARTICLED_TOPICS_OUTPUT": "out",
            "ARTICLED_KAFKA_LIBRDKAFKA": "socket.keepalive.enable=true",
        ])
        #expect(configuration.kafka.brokers == ["h1:1", "h2:2"])
        #expect(configuration.processing.workers == 4)
        #expect(configuration.topics.output == "out")
        #expect(configuration.topics.deadLetter == "articles.dlq")
        #expect(configuration.kafka.librdkafka == ["socket.keepalive.enable": "true"])
    }

    @Test func malformedValuesNameTheirKey() async {
        do {
            _ = try await DaemonConfiguration.load(file: nil, environment: ["ARTICLED_PROCESSING_WORKERS": "0"])
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "processing.workers")
        }
        do {
            _ = try await DaemonConfiguration.load(file: nil, environment: ["ARTICLED_KAFKA_ASSIGNMENT_STRATEGY": "fastest"])
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "kafka.assignment_strategy")
        }
    }

    @Test func exactlyOnceNeedsAStableTransactionalIDAndPartitionOrder() async throws {
        let derived = try await DaemonConfiguration.load(file: nil, environment: [
            "ARTICLED_PROCESSING_GUARANTEE": "exactly_once", "ARTICLED_KAFKA_GROUP_ID": "news",
            "ARTICLED_KAFKA_GROUP_INSTANCE_ID": "host-1",
        ])
        #expect(derived.processing.guarantee == .exactlyOnce)
        #expect(derived.kafka.effectiveTransactionalID == "news-host-1")
        let explicit = try await DaemonConfiguration.load(file: nil, environment: [
            "ARTICLED_PROCESSING_GUARANTEE": "exactly_once", "ARTICLED_KAFKA_TRANSACTIONAL_ID": "tx-7",
            "ARTICLED_KAFKA_GROUP_INSTANCE_ID": "host-1",
        ])
        #expect(explicit.kafka.effectiveTransactionalID == "tx-7")
        let failures: [([String: String], String)] = [
            (["ARTICLED_PROCESSING_GUARANTEE": "exactly_once"], "kafka.transactional_id"),
            (["ARTICLED_PROCESSING_GUARANTEE": "exactly_once", "ARTICLED_KAFKA_TRANSACTIONAL_ID": "t",
              "ARTICLED_PROCESSING_ORDERING": "key"], "processing.ordering"),
            (["ARTICLED_PROCESSING_GUARANTEE": "twice"], "processing.guarantee"),
        ]
        for (environment, key) in failures {
            do {
                _ = try await DaemonConfiguration.load(file: nil, environment: environment)
                Issue.record("expected an error for \(environment)")
            } catch {
                #expect(error.key == key)
            }
        }
    }

    @Test func unknownStageIsAConfigurationError() {
        var configuration = DaemonConfiguration()
        configuration.processing.stages = ["nope"]
        #expect(throws: ConfigurationError.self) { _ = try DaemonRunner.makeProcessor(configuration) }
    }
}

@Suite struct StageRegistryTests {
    struct Named: Stage {
        let name: String
        let version = "1"
        let threshold: Double
        func process(_ article: inout Article, context: StageContext) -> StageOutcome { .proceed }
    }

    var registry: StageRegistry {
        var registry = StageRegistry()
        for name in ["a", "b"] {
            registry.register(name) { parameters in
                Named(name: name, threshold: try parameters.double("threshold", default: 0.5, in: 0...1))
            }
        }
        return registry
    }

    @Test func orderParametersAndDisablingComeFromConfiguration() async throws {
        let yaml = FileManager.default.temporaryDirectory.appendingPathComponent("stages-\(UInt32.random(in: 0...UInt32.max)).yaml")
        try """
            processing:
              stages: [b, a]
            stages:
              a:
                threshold: 0.9
              b:
                enabled: false
            """.write(to: yaml, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: yaml) }
        let configuration = try await DaemonConfiguration.load(file: yaml.path, environment: ["ARTICLED_STAGES_A_THRESHOLD": "0.25"])
        let stages = try registry.makeStages(configuration.processing.stages) { configuration.stageParameters.parameters(for: $0) }
        #expect(stages.map(\.name) == ["a"])
        #expect((stages.first as? Named)?.threshold == 0.25, "environment overrides the file")
    }

    @Test func outOfRangeParameterNamesItsKey() async throws {
        let configuration = try await DaemonConfiguration.load(file: nil, environment: [
            "ARTICLED_PROCESSING_STAGES": "a", "ARTICLED_STAGES_A_THRESHOLD": "7",
        ])
        do {
            _ = try registry.makeStages(configuration.processing.stages) { configuration.stageParameters.parameters(for: $0) }
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "stages.a.threshold")
        }
    }
}
