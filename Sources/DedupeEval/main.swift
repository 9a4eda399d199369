import Dedupe

// DedupeEval                 quality: pairs of the committed samples, then eval-data pairs
// DedupeEval --bench [N] [--probes M]
//                            speed: µs per fingerprint/check/insert of 4 KB articles, N entries in
//                            state, M probe articles (default 20 000; fewer for callgrind)
// DedupeEval --replay FILE [--max-entries N] [--pollute MIB] [--per-ms K]
//                            speed at a full index: check + insert over recorded texts (Replay.swift)
let arguments = Array(CommandLine.arguments.dropFirst())
let configuration = DedupeConfiguration()

if let flag = arguments.firstIndex(of: "--replay"), arguments.indices.contains(flag + 1) {
    var maxEntries = configuration.maxEntries
    if let flag = arguments.firstIndex(of: "--max-entries"), arguments.indices.contains(flag + 1) {
        maxEntries = max(Int(arguments[flag + 1]) ?? maxEntries, 1)
    }
    var pollute = 0
    if let flag = arguments.firstIndex(of: "--pollute"), arguments.indices.contains(flag + 1) {
        pollute = max(Int(arguments[flag + 1]) ?? 0, 0) << 20
    }
    var perMillisecond = 1
    if let flag = arguments.firstIndex(of: "--per-ms"), arguments.indices.contains(flag + 1) {
        perMillisecond = max(Int(arguments[flag + 1]) ?? 1, 1)
    }
    Replay.run(path: arguments[flag + 1], maxEntries: maxEntries, pollute: pollute, perMillisecond: perMillisecond,
               configuration: configuration)
} else if let flag = arguments.firstIndex(of: "--bench") {
    let entries = arguments.indices.contains(flag + 1) ? Int(arguments[flag + 1]) ?? 100_000 : 100_000
    var probes = 20_000
    if let flag = arguments.firstIndex(of: "--probes"), arguments.indices.contains(flag + 1) {
        probes = max(Int(arguments[flag + 1]) ?? probes, 1)
    }
    Bench.run(entries: entries, probes: probes, configuration: configuration)
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
