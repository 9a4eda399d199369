import Foundation
import Testing
@testable import Daemon

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

    @Test func unknownStageIsAConfigurationError() {
        var configuration = DaemonConfiguration()
        configuration.processing.stages = ["nope"]
        #expect(throws: ConfigurationError.self) { _ = try DaemonRunner.makeProcessor(configuration) }
    }
}
