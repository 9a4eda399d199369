import ArticleCorpus
import Foundation
import Testing

/// `articled feed --stdout` writes the generated corpus as JSON lines instead of producing it: the
/// same bytes the benchmarks feed, for `articled process --lines` and Scripts/chain-callgrind.sh.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ARTICLED_BIN"] != nil, "needs the binary `make test` builds"))
struct FeedCommandTests {
    @Test func generatedCorpusGoesToStdoutOneRecordPerLine() async throws {
        let samples = IntegrationEnvironment.repositoryRoot.appendingPathComponent("Config/samples")
        let (status, output) = try await IntegrationEnvironment.run(
            ProcessInfo.processInfo.environment["ARTICLED_BIN"] ?? "",
            ["feed", "--generate", "20", "--size", "4096", "--corpus", samples.path, "--stdout"]
        )
        #expect(status == 0)
        let lines = Array(output).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 20)
        let corpus = try SampleCorpus(directory: samples)
        for (index, line) in lines.enumerated() {
            #expect(Array(line) == corpus.json(index: index, approximateBytes: 4096), "record \(index)")
        }
    }
}
