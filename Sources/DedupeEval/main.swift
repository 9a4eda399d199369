import Dedupe

// DedupeEval                 quality: pairs of the committed samples, then eval-data pairs
// DedupeEval --bench [N]     speed: µs per fingerprint/check/insert of 4 KB articles, N entries in state
let arguments = Array(CommandLine.arguments.dropFirst())
let configuration = DedupeConfiguration()

if let flag = arguments.firstIndex(of: "--bench") {
    let entries = arguments.indices.contains(flag + 1) ? Int(arguments[flag + 1]) ?? 100_000 : 100_000
    Bench.run(entries: entries, configuration: configuration)
} else {
    do {
        try SampleEval.run(configuration: configuration)
        if let shared = Locations.shared {
            try SharedEval.run(shared: shared, configuration: configuration)
        } else {
            print("../shared not found (set ARTICLED_SHARED): eval-data pairs skipped")
        }
    } catch {
        print("DedupeEval: \(error)")
    }
}
