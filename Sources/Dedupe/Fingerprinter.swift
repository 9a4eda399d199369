/// Turns an article into an `ArticleFingerprint` in one pass over its UTF-8 bytes: tokens are
/// hashed as they are scanned, shingle hashes are combined from the last `shingleSize` token
/// hashes, and the MinHash sketch and exact text hash are updated on the fly — no strings, no
/// per-token allocation. Immutable and `Sendable`: share one instance between workers.
public struct Fingerprinter: Sendable {
    /// Bump when tokenization or hashing changes, so old changelog entries are not misread: their
    /// text hashes and sketches are not comparable, and the index restores them for id, URL and
    /// verdict only. Version 1 (until 2026-11) hashed tokens byte by byte with a full mix per
    /// token and per shingle step; version 2 was `FingerprintHash` with masked token words;
    /// version 3 (2026-11-25) loads a token's last word unmasked and drops the shingle xor-shift
    /// (see `FingerprintHash`), about a third fewer instructions per token again.
    public static let algorithmVersion: UInt16 = 3

    public let shingleSize: Int
    public let foldDiacritics: Bool
    public let minimumTokens: Int
    public let urlNormalizer: URLNormalizer
    private let table: FoldTable

    public init(configuration: DedupeConfiguration = DedupeConfiguration()) {
        shingleSize = min(max(configuration.shingleSize, 1), 16)
        foldDiacritics = configuration.foldDiacritics
        minimumTokens = max(configuration.minimumTokens, 1)
        urlNormalizer = configuration.urlNormalizer
        table = FoldTable.shared(foldDiacritics: configuration.foldDiacritics)
    }

    /// Version, shingle size and folding packed into one number stored with every fingerprint.
    public var scheme: UInt16 {
        Self.algorithmVersion << 8 | UInt16(shingleSize) << 1 | (foldDiacritics ? 1 : 0)
    }

    /// `text` should be the body (cleaned, if `clean` runs first); leave the headline out, since
    /// copies of one wire story carry different headlines.
    public func fingerprint(id: String, url: String?, text: String) -> ArticleFingerprint {
        var text = text
        let sketch = text.withUTF8 { textSketch($0) }
        return ArticleFingerprint(
            id: id,
            urlKey: url.flatMap { urlNormalizer.key($0) },
            textHash: sketch.textHash,
            signature: sketch.signature,
            shingleCount: sketch.shingleCount,
            tokenCount: sketch.tokenCount,
            scheme: scheme
        )
    }

    /// Text hash, sketch and counts of UTF-8 text.
    func textSketch(_ bytes: UnsafeBufferPointer<UInt8>) -> TextSketch {
        sketch(bytes, fastPath: true)
    }

    /// The same computation through the scalar-at-a-time tokenizer only; for tests that pin the
    /// fast path to it.
    func textSketchScalarPath(_ bytes: UnsafeBufferPointer<UInt8>) -> TextSketch {
        sketch(bytes, fastPath: false)
    }

    private func sketch(_ bytes: UnsafeBufferPointer<UInt8>, fastPath: Bool) -> TextSketch {
        // One temporary allocation per article for the minima, the token buffer and the folded
        // text. The default shingle size gets its own specialisation, with the window's rotations
        // as constants.
        let scratchWords = HashingSink<AnyShingleShape>.scratchWords
        let foldWords = fastPath ? (BlockScanner.bufferBytes(forText: bytes.count) &+ 7) / 8 : 0
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scratchWords &+ foldWords) { words in
            guard let scratch = words.baseAddress else { return TextSketch() }
            let fold = UnsafeMutableRawPointer(scratch + scratchWords).bindMemory(to: UInt8.self, capacity: foldWords &* 8)
            if shingleSize == 4 {
                return sketch(bytes, sink: HashingSink(shape: FourTokenShape(), scratch: scratch), fold: fold, fastPath: fastPath)
            }
            return sketch(bytes, sink: HashingSink(shape: AnyShingleShape(size: shingleSize), scratch: scratch), fold: fold,
                          fastPath: fastPath)
        }
    }

    private func sketch<Shape: ShingleShape>(
        _ bytes: UnsafeBufferPointer<UInt8>, sink: HashingSink<Shape>, fold: UnsafeMutablePointer<UInt8>, fastPath: Bool
    ) -> TextSketch {
        var sink = sink
        if fastPath {
            BlockScanner.scan(bytes, table: table, buffer: fold, into: &sink)
        } else {
            TokenScanner.scan(bytes, table: table, into: &sink)
        }
        sink.finish()
        return TextSketch(
            textHash: sink.tokenCount > 0 ? sink.textHash : nil,
            signature: sink.tokenCount >= minimumTokens ? sink.signature() : nil,
            shingleCount: sink.shingleCount,
            tokenCount: sink.tokenCount
        )
    }
}

/// The text part of a fingerprint.
struct TextSketch: Equatable {
    var textHash: TextHash?
    var signature: MinHashSignature?
    var shingleCount = 0
    var tokenCount = 0
}
