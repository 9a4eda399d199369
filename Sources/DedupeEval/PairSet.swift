/// One labelled pair: store `first`, check `second`, expect a (near-)duplicate iff `isCopy`.
struct LabelledPair {
    let category: String
    let first: String
    let second: String
    let isCopy: Bool
}

/// Counts for precision and recall.
struct Tally {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var trueNegatives = 0

    mutating func add(predicted: Bool, actual: Bool) {
        switch (predicted, actual) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
}

/// Deterministic generator, so the pair set is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

/// Realistic edits of a news body, the ways copies of one story differ between sites.
struct Editor {
    var random: SplitMix
    let others: [String]

    static let furniture = [
        "Advertisement", "ADVERTISEMENT", "Sign up for our daily newsletter to get the top stories in your inbox.",
        "Share on Facebook | Share on X | Copy link", "Photo: Reuters", "Accept cookies to view this content.",
        "Follow our live blog for the latest updates.", "Story continues below advertisement",
        "Subscribe now for unlimited access.", "Comments (12) - Join the discussion",
    ]

    private mutating func otherParagraph() -> String {
        let paragraphs = paragraphsOf(others[random.below(others.count)])
        return paragraphs[random.below(paragraphs.count)]
    }

    private mutating func otherSentence() -> String {
        let words = otherParagraph().split(separator: " ")
        return words.prefix(12).joined(separator: " ")
    }

    func paragraphsOf(_ text: String) -> [String] {
        let parts = text.split(separator: "\n").map(String.init).filter { !$0.trimmingWhitespace.isEmpty }
        return parts.isEmpty ? [text] : parts
    }

    mutating func headline(_ text: String) -> String {
        otherSentence() + "\n\n" + text
    }

    mutating func furniture(_ text: String) -> String {
        var paragraphs = paragraphsOf(text)
        for _ in 0..<(2 + random.below(4)) {
            let line = random.chance(0.3) ? "Read more: " + otherSentence() : Self.furniture[random.below(Self.furniture.count)]
            paragraphs.insert(line, at: random.below(paragraphs.count + 1))
        }
        return paragraphs.joined(separator: "\n\n")
    }

    mutating func appendParagraph(_ text: String) -> String {
        text + "\n\n" + otherParagraph()
    }

    /// About one word in `rate` replaced, inserted or dropped.
    mutating func reword(_ text: String, rate: Int = 25) -> String {
        var out: [Substring] = []
        let donor = otherParagraph().split(separator: " ")
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            switch random.below(rate * 3) {
            case 0: out.append(donor[random.below(donor.count)])
            case 1: continue
            case 2:
                out.append(word)
                out.append(donor[random.below(donor.count)])
            default: out.append(word)
            }
        }
        return out.joined(separator: " ")
    }

    /// Keeps the first 60–90 % of the words (a site that cuts the story short).
    mutating func truncate(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        let keep = words.count * (60 + random.below(31)) / 100
        return words.prefix(max(keep, 1)).joined(separator: " ")
    }

    /// Changes one number (a correction).
    mutating func changeNumber(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let digits = scalars.indices.filter { ("0"..."9").contains(scalars[$0]) }
        guard !digits.isEmpty else { return reword(text, rate: 200) }
        let index = digits[random.below(digits.count)]
        scalars[index] = scalars[index] == "9" ? "1" : Unicode.Scalar(scalars[index].value + 1) ?? "1"
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    mutating func combined(_ text: String) -> String {
        changeNumber(furniture(headline(text)))
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
