import Foundation
import Testing
@testable import Daemon
import Pipeline

@Suite struct ConfigurationCheckTests {
    func write(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UInt32.random(in: 0...UInt32.max)).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    var registry: StageRegistry {
        var registry = StageRegistry()
        registry.register("clean", parameters: ["max_removed_share"]) { _ in StageRegistryTests.Named(name: "clean", threshold: 0) }
        return registry
    }

    @Test func theShippedExampleIsClean() async {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Config/articled.yaml").standardized.path
        #expect(await ConfigurationCheck().check(file: example, environment: [:]).isEmpty)
    }

    @Test func misspeltKeysSectionsAndStageParametersAreReported() async throws {
        let file = try write("""
            kafka:
              brokerz: [a]
            processing:
              stages: [clean]
            stages:
              clean:
                max_removed_shar: 0.5
              cleen: {}
            metrix: {}
            """)
        let problems = await ConfigurationCheck(registry: registry).check(file: file, environment: [:]).map(\.key)
        #expect(problems.contains("kafka.brokerz"))
        #expect(problems.contains("stages.clean.max_removed_shar"))
        #expect(problems.contains("stages.cleen"))
        #expect(problems.contains("metrix"))
    }

    @Test func wrongTypesAndMissingFilesAreReported() async throws {
        let file = try write("processing:\n  max_in_flight: lots\n")
        let problems = await ConfigurationCheck().check(file: file, environment: [:])
        #expect(problems.contains { $0.key == "processing.max_in_flight" })
        #expect(await ConfigurationCheck().check(file: "/nonexistent.yaml", environment: [:]).count == 1)
    }

    @Test func secretsComeFromCredentialFilesAndNeverAppearInErrors() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cred-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let planted = "s3cr3t-\(UInt32.random(in: 0...UInt32.max))"
        try (planted + "\n").write(to: directory.appendingPathComponent("kafka-sasl-password"), atomically: true, encoding: .utf8)
        let file = try write("kafka:\n  librdkafka: [\"sasl.password=@credential:kafka-sasl-password\"]\n")
        let configuration = try await DaemonConfiguration.load(file: file, environment: ["CREDENTIALS_DIRECTORY": directory.path])
        #expect(configuration.kafka.librdkafka["sasl.password"] == planted)

        let missing = try write("kafka:\n  librdkafka: [\"sasl.password=@file:/nonexistent/secret\"]\n")
        let problems = await ConfigurationCheck().check(file: missing, environment: [:])
        #expect(problems.contains { $0.key == "kafka.librdkafka.sasl.password" })
        let withSecret = await ConfigurationCheck().check(file: file, environment: ["CREDENTIALS_DIRECTORY": directory.path])
        #expect(withSecret.isEmpty)
        #expect(!withSecret.description.contains(planted))
    }
}
