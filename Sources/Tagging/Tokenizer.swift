import Foundation

/// Splits text into word, number and punctuation tokens, with the lower-cased copy, the hashes and
/// the bits the sub-taggers read (byte tables and tests: TokenizerTables.swift).
enum Tokenizer {
    /// Longer texts are cut here, so offsets (and the lower-cased copy, at most twice as long) fit UInt32.
    static let maxBytes = 1 << 30

    /// - Parameter splitPossessives: split "'s" / "’s" off words (English: `Tokenizer+Possessives.swift`).
    /// - Parameter windows: the 64-byte window scan (`Tokenizer+Windows.swift`); false runs the
    ///   per-token rules alone (`ruleScan`), the reference the tests compare it with.
    static func tokenize(_ text: String, vocabulary: ByteVocabulary? = nil, splitPossessives: Bool = false,
                         windows: Bool = true) -> TokenizedText {
        var bytes = Array(text.utf8)
        if bytes.count > maxBytes { bytes.removeSubrange(maxBytes...) }
        var lower: [UInt8] = []
        let tokens = bytes.withUnsafeBufferPointer { b in
            tokenize(bytes: b, lower: &lower, vocabulary: vocabulary, splitPossessives: splitPossessives, windows: windows)
        }
        return TokenizedText(bytes: bytes, lower: lower, tokens: tokens)
    }

    /// One pass over the bytes: 64-byte windows classified into bitmaps, plain ASCII words and
    /// punctuation taken from them, everything else by the per-token rules (`ruleStep`); then the
    /// vocabulary ids of all tokens (`ByteVocabulary.assignIDs`).
    static func tokenize(bytes b: UnsafeBufferPointer<UInt8>, lower: inout [UInt8], vocabulary: ByteVocabulary?,
                         splitPossessives: Bool = false, windows: Bool = true) -> [Token] {
        let n = b.count
        // Lower-casing adds at most 1 byte per 2 (U+0130 -> "i̇"): n × 1.5 bytes suffice. The slack
        // past that lets every window of the window scan write its words as 16-byte stores without a
        // check per word, up to the text's end (`windowRun`); with n × 2 + 8, texts shorter than a
        // window went to the rules.
        let capacity = n * 2 + 80
        // Tokens and lower-cased bytes are written straight into the result arrays. News text has about
        // one token per 5-6 bytes, so n/3 + 64 slots nearly always suffice; denser text is scanned
        // again with room for n tokens (every token has at least one byte).
        for tokenCapacity in [n / 3 + 64, n + 1] {
            var fits = false
            var lowerOut: [UInt8] = []
            let tokens = [Token](unsafeUninitializedCapacity: tokenCapacity) { tb, tokenCount in
                let tw = tb
                var count = 0
                lowerOut = [UInt8](unsafeUninitializedCapacity: capacity) { lb, lowerCount in
                    // Not zeroed: hashes of lower-cased bytes read only bytes written (the window
                    // scan hashes its words from the input's loads; the rest, ~1 token in 20, read
                    // their tail byte by byte). Zeroing the first n + 32 bytes so those hashes could
                    // read whole chunks past a token was ~4k instructions per corpus article.
                    let lw = lb
                    let used = switch (splitPossessives, windows) {
                    case (true, true): windowScan(b, lw, capacity, SplitPossessives.self, tw, &count)
                    case (false, true): windowScan(b, lw, capacity, KeepPossessives.self, tw, &count)
                    case (true, false): ruleScan(b, lw, capacity, SplitPossessives.self, tw, &count)
                    case (false, false): ruleScan(b, lw, capacity, KeepPossessives.self, tw, &count)
                    }
                    if let used {
                        vocabulary?.assignIDs(tw, count: count)
                        lowerCount = used
                        fits = true
                    } else {
                        lowerCount = 0
                    }
                }
                tokenCount = fits ? count : 0
            }
            if fits {
                lower = lowerOut
                return tokens
            }
        }
        lower = []
        return []
    }
}
