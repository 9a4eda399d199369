import ArgumentParser
import Daemon
import Foundation
import Pipeline

/// Runs the configured pipeline on files or stdin, without Kafka: for trying stages on samples.
struct Process: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enrich articles from files (one record each) or stdin and print the enriched JSON.",
        discussion: """
            The embedded way to try the pipeline: the same decoding, stages and encoding as `run`, no Kafka. \
            Records that would go to the dead-letter topic are reported on stderr; the exit status is then 2.

            Example: articled process --config Config/articled.yaml Config/samples/000-seed-nl.txt | jq .clean.removed
            """
    )

    @Option(name: .shortAndLong, help: "YAML configuration file (for processing.stages and limits).")
    var config: String?

    @Flag(help: "Treat each input line as one record (JSON lines).")
    var lines = false

    @Argument(help: "Input files; stdin when none.")
    var files: [String] = []

    func run() async throws {
        let configuration: DaemonConfiguration
        let processor: ArticleProcessor
        do {
            configuration = try await DaemonConfiguration.load(file: config, environment: ProcessInfo.processInfo.environment)
            processor = try DaemonRunner.makeProcessor(configuration)
        } catch {
            throw ValidationError("\(error)")
        }
        var deadLettered = 0
        for (name, value) in try records() {
            let position = SourcePosition(topic: name, partition: 0, offset: 0, timestampMilliseconds: nil)
            switch await processor.process(value: value, key: nil, position: position) {
            case .publish(let publication):
                FileHandle.standardOutput.write(Data(publication.value + [UInt8(ascii: "\n")]))
                // Written means acknowledged here: stateful stages (dedupe) learn the article now.
                publication.afterAcknowledgement.forEach { $0() }
            case .drop(let id, let stage, let reason, let afterAcknowledgement):
                afterAcknowledgement.forEach { $0() }
                FileHandle.standardError.write(Data("\(name): dropped \(id) by \(stage): \(reason)\n".utf8))
            case .deadLetter(let letter):
                deadLettered += 1
                FileHandle.standardError.write(Data("\(name): dead-letter (\(letter.errorClass.rawValue)): \(letter.message)\n".utf8))
            }
        }
        if deadLettered > 0 { throw ExitCode(2) }
    }

    private func records() throws -> [(String, [UInt8])] {
        var inputs: [(String, [UInt8])] = []
        if files.isEmpty {
            inputs.append(("stdin", Array(FileHandle.standardInput.readDataToEndOfFile())))
        } else {
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("cannot read \(file)")
                }
                inputs.append((file, Array(data)))
            }
        }
        guard lines else { return inputs }
        return inputs.flatMap { name, bytes in
            bytes.split(separator: UInt8(ascii: "\n")).enumerated().map { ("\(name):\($0.offset + 1)", Array($0.element)) }
        }
    }
}
