import Pipeline

/// Deterministic, realistic-sized JSON articles for benchmarks and load tests: the same index
/// always gives the same bytes, so runs are comparable and ids can be checked for loss.
public enum SyntheticArticles {
    private static let words = [
        "the", "government", "announced", "on", "tuesday", "that", "new", "measures", "will", "take", "effect",
        "minister", "said", "parliament", "economy", "energy", "prices", "rose", "sharply", "in", "september",
        "according", "to", "figures", "published", "by", "statistics", "office", "analysts", "expect", "further",
        "increases", "while", "unions", "called", "for", "wage", "talks", "city", "council", "police", "report",
    ]

    public static func id(_ index: Int) -> String { "synthetic-\(index)" }

    public static func json(index: Int, approximateBytes: Int) -> [UInt8] {
        var state = StableHash.mix(UInt64(index) &+ 0x9e37_79b9_7f4a_7c15)
        var text = ""
        text.reserveCapacity(approximateBytes)
        var sentenceLength = 0
        while text.utf8.count < max(64, approximateBytes - 200) {
            state = StableHash.mix(state)
            let word = words[Int(state % UInt64(words.count))]
            text += sentenceLength == 0 ? word.prefix(1).uppercased() + word.dropFirst() : word
            sentenceLength += 1
            if sentenceLength > 12 && state % 5 == 0 {
                text += (state % 3 == 0) ? ".\n\n" : ". "
                sentenceLength = 0
            } else {
                text += " "
            }
        }
        var writer = JSONWriter(reservingCapacity: approximateBytes + 256)
        writer.object { json in
            json.field("id", id(index))
            json.field("url", "https://news.example.org/\(index)")
            json.field("title", "Synthetic article \(index)")
            json.field("source", "news.example.org")
            json.field("published_at", "2026-11-25T12:00:00Z")
            json.field("text", text + ".")
        }
        return writer.bytes
    }
}
