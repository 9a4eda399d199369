/// One forward pass over the bytes: HTML tags and references, invisible characters, spacing
/// and line breaks. Hand-written rather than regex so that hostile input (unclosed tags, endless
/// `<<<<`) stays linear: every byte is looked at a bounded number of times.
enum TextNormalizer {
    static func normalize(_ text: String) -> NormalizedText {
        var source = text
        return source.withUTF8 { normalize(bytes: $0) }
    }

    static func normalize(bytes p: UnsafeBufferPointer<UInt8>) -> NormalizedText {
        let scratch = CleaningScratch()
        var w = Writer(scratch: scratch, inputCount: p.count, fused: false)
        write(p, into: &w)
        let text = NormalizedText(bytes: w.bytes(), lines: w.finishedLines())
        w.finish(into: scratch)
        return text
    }

    /// Normalises `p` into `w`, which ends with its last line finished.
    static func write(_ p: UnsafeBufferPointer<UInt8>, into w: inout Writer) {
        let n = p.count
        // A '<' after the last '>' can never open a tag; knowing this means a tag scan always
        // finds its end and never has to back off. Found at the first '<' (most texts have none,
        // and scanning them for '>' cost as much as normalising them).
        var lastGT = -2
        var i = 0
        while i < n {
            let b = p[i]
            switch b {
            case UInt8(ascii: "\n"):
                w.newline()
                i += 1
            case UInt8(ascii: "\r"):
                w.newline()
                i += (i + 1 < n && p[i + 1] == UInt8(ascii: "\n")) ? 2 : 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C:
                w.space()
                i += 1
            case UInt8(ascii: "<") where opensTag(p, i):
                if lastGT == -2 { lastGT = p.lastIndex(of: UInt8(ascii: ">")) ?? -1 }
                if i < lastGT {
                    i = HTMLTagScanner.skipTag(p, from: i, writer: &w)
                } else {
                    w.run(p, i, i + 1)
                    i += 1
                }
            case UInt8(ascii: "&"):
                if let (value, length) = HTMLEntities.decode(p, at: i) {
                    w.scalar(value)
                    i += length
                } else {
                    w.run(p, i, i + 1)
                    i += 1
                }
            case 0..<0x20, 0x7F:
                i += 1  // other control characters carry nothing
            case 0x80...:
                let first = plainMultibyteLength(p, i)
                if first > 0 {
                    let j = plainRunEnd(p, after: i + first)
                    w.run(p, i, j)
                    i = j
                    break
                }
                let (value, length) = decodeScalar(p, i)
                if isPlain(value) {
                    w.run(p, i, min(n, i + length))
                } else {
                    w.scalar(value)
                }
                i += length
            default:
                // Text that needs no change: copy the whole run at once.
                let j = plainRunEnd(p, after: i + 1)
                w.run(p, i, j)
                i = j
            }
        }
        w.newline()
        w.analyzePending()
    }

    /// Printable ASCII except `<` and `&`, as masks over 0x00-0x3F and 0x40-0x7F.
    private static let plainLow: UInt64 = 0xEFFF_FFBE_0000_0000
    private static let plainHigh: UInt64 = 0x7FFF_FFFF_FFFF_FFFF

    @inline(__always)
    private static func isPlainASCII(_ c: UInt8) -> Bool {
        guard c < 0x80 else { return false }
        let mask = c < 0x40 ? plainLow : plainHigh
        return (mask >> UInt64(c & 0x3F)) & 1 != 0
    }

    /// Length of the UTF-8 sequence at `j` when it is a scalar that passes through unchanged
    /// (see `isPlain`), judged from its bytes without decoding; 0 otherwise.
    @inline(__always)
    private static func plainMultibyteLength(_ p: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int {
        let c = p[j]
        let n = p.count
        switch c {
        case 0xC3...0xDF:
            return j + 1 < n ? 2 : 0
        case 0xE4...0xEE:
            return j + 2 < n ? 3 : 0
        case 0xE2:
            guard j + 2 < n else { return 0 }
            let c1 = p[j + 1]
            let c2 = p[j + 2]
            if c1 == 0x80, c2 <= 0x8F || (c2 >= 0xA8 && c2 <= 0xAF) { return 0 }  // U+2000-200F, 2028-202F
            if c1 == 0x81, c2 >= 0x9F, c2 <= 0xA4 { return 0 }  // U+205F-2064
            return 3
        case 0xF0...0xF4:
            return j + 3 < n ? 4 : 0
        default:
            return 0  // C2 (controls, nbsp, soft hyphen), E1 (U+1680), E3 (U+3000), EF (U+FEFF)
        }
    }

    /// End of the run, continuing at `first`, that can be copied as it is: plain characters, with single
    /// spaces between them (a space followed by another space or a break still needs collapsing).
    ///
    /// Sixteen bytes at a time (`PlainBytes16`) while they are plain ASCII with single spaces;
    /// the per-byte rules take over at the first other byte. A space followed by something
    /// other than plain text must not be copied: the vector test lets such a space through,
    /// so the run is cut back before it at the end.
    @inline(__always)
    private static func plainRunEnd(_ p: UnsafeBufferPointer<UInt8>, after first: Int) -> Int {
        let n = p.count
        var j = first
        guard let base = p.baseAddress else { return j }
        while true {
            while j &+ 17 <= n {
                let stop = PlainBytes16.firstStop(UnsafeRawPointer(base + j))
                j &+= stop
                if stop < 16 { break }
            }
            guard j < n else { break }
            let c = p[j]
            if isPlainASCII(c) {
                j += 1
                continue
            }
            // The vector pass may stop inside a sequence whose lead it judged plain.
            if c & 0xC0 == 0x80 {
                j += 1
                continue
            }
            if c == 0x20 {
                guard j + 1 < n else { break }
                let d = p[j + 1]
                if isPlainASCII(d) {
                    j += 2
                    continue
                }
                if d >= 0x80 {
                    let length = plainMultibyteLength(p, j + 1)
                    if length > 0 {
                        j += 1 + length
                        continue
                    }
                }
                break
            }
            if c >= 0x80 {
                let length = plainMultibyteLength(p, j)
                if length > 0 {
                    j += length
                    continue
                }
            }
            break
        }
        if p[j - 1] == 0x20 { j -= 1 }  // never the run's first byte, which is not a space
        return j
    }

    /// `<` followed by a letter, `/`, `!` or `?`: anything else ("a < b", "<3") is text.
    @inline(__always)
    private static func opensTag(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i + 1 < p.count else { return false }
        let c = p[i + 1] | 0x20
        return (c >= 0x61 && c <= 0x7A) || p[i + 1] == UInt8(ascii: "/") || p[i + 1] == UInt8(ascii: "!")
            || p[i + 1] == UInt8(ascii: "?")
    }

    /// Scalars that pass through unchanged (everything but spaces, invisibles and line separators).
    @inline(__always)
    private static func isPlain(_ v: UInt32) -> Bool {
        switch v {
        case 0x80...0x9F, 0xA0, 0xAD, 0x1680, 0x2000...0x200F, 0x2028...0x202F, 0x205F...0x2064,
             0x3000, 0xFEFF:
            return false
        default:
            return true
        }
    }

    /// Accumulates output bytes and line boundaries; spaces are held back so that runs collapse
    /// and lines never start or end with one.
    ///
    /// Writes go to a raw buffer rather than `Array.append`: the output is never longer than
    /// the input (every construct decodes to at most its own length), so one allocation
    /// normally serves the whole text; `reserve` still grows it, so a wrong guess costs time,
    /// never memory safety.
    ///
    /// The buffers are borrowed from a `CleaningScratch` and must be handed back by
    /// `finish(into:)` (grown, if they had to grow). With `fused` set, lines are tokenised as
    /// soon as a batch of them (`batchBytes`) is written, while their bytes are in cache: the
    /// word and flag bits of their 64-byte blocks, their shapes and token hashes, so the analysis needs
    /// no second walk over the text.
    struct Writer: ~Copyable {
        private var base: UnsafeMutablePointer<UInt8>
        /// Usable bytes; the allocation has `WordBitmap.padding` more (unchecked loads past the end).
        private var capacity: Int
        private(set) var count = 0
        /// Lines in a raw buffer too: `Array.append` per line cost a uniqueness check each.
        private var lines: UnsafeMutablePointer<NormalizedText.Line>
        private var lineCount = 0
        private var lineCapacity: Int
        private var lineStart = 0
        private var pendingSpace = false
        private var pendingParagraph = false
        // The fused pass: bitmap words (for `capacity` + padding bytes), one shape per line (as
        // many as `lines` holds), token hashes.
        private let fused: Bool
        private var words: UnsafeMutablePointer<UInt64>
        private var shapes: UnsafeMutablePointer<LineShape>
        private var tokens: UnsafeMutablePointer<UInt64>
        private var tokenCapacity: Int
        private(set) var tokenCount = 0
        /// Lines before this one are tokenised; bytes before `pendingStart` have their bitmap.
        private var pendingLine = 0
        private var pendingStart = 0

        init(scratch: CleaningScratch, inputCount: Int, fused: Bool) {
            scratch.reserve(bytes: inputCount + 8, lines: inputCount / 32 + 4, tokens: fused ? inputCount / 2 + 16 : 0)
            base = scratch.bytes
            capacity = scratch.byteCapacity
            lines = scratch.lines
            lineCapacity = scratch.lineCapacity
            words = scratch.words
            shapes = scratch.shapes
            tokens = scratch.tokens
            tokenCapacity = scratch.tokenCapacity
            self.fused = fused
        }

        /// Hands the (possibly grown) buffers back.
        consuming func finish(into scratch: CleaningScratch) {
            scratch.adopt(bytes: base, byteCapacity: capacity, words: words, lines: lines, shapes: shapes,
                          lineCapacity: lineCapacity, tokens: tokens, tokenCapacity: tokenCapacity)
        }

        /// The bytes written, as an array (one copy).
        func bytes() -> [UInt8] {
            Array(UnsafeBufferPointer(start: base, count: count))
        }

        /// The lines found, as an array (one copy).
        func finishedLines() -> [NormalizedText.Line] {
            Array(UnsafeBufferPointer(start: lines, count: lineCount))
        }

        /// The fused pass's line shapes, one per line.
        var lineShapes: UnsafeBufferPointer<LineShape> { UnsafeBufferPointer(start: shapes, count: lineCount) }

        /// The fused pass's token hashes.
        var tokenHashes: UnsafeMutablePointer<UInt64> { tokens }

        @inline(__always)
        private mutating func reserve(_ extra: Int) {
            guard count + extra > capacity else { return }
            var grown = capacity * 2
            while grown < count + extra { grown *= 2 }
            let fresh = CleaningScratch.allocateBytes(grown)
            fresh.update(from: base, count: count)
            base.deallocate()
            base = fresh
            let freshWords = CleaningScratch.allocateWords(forBytes: grown)
            freshWords.update(from: words, count: CleaningScratch.wordCount(forBytes: capacity))
            words.deallocate()
            words = freshWords
            capacity = grown
        }

        mutating func space() {
            pendingSpace = true
        }

        mutating func newline() {
            pendingSpace = false
            if count > lineStart {
                if lineCount == lineCapacity {
                    let grown = UnsafeMutablePointer<NormalizedText.Line>.allocate(capacity: lineCapacity * 2)
                    grown.moveInitialize(from: lines, count: lineCount)
                    lines.deallocate()
                    lines = grown
                    let grownShapes = UnsafeMutablePointer<LineShape>.allocate(capacity: lineCapacity * 2)
                    grownShapes.moveInitialize(from: shapes, count: lineCount)
                    shapes.deallocate()
                    shapes = grownShapes
                    lineCapacity *= 2
                }
                (lines + lineCount).initialize(to: .init(start: lineStart, end: count, paragraphBreakBefore: pendingParagraph))
                lineCount += 1
                pendingParagraph = false
                // Each line is followed by a '\n' (outside its range): the tokenizer's word scan
                // then always meets a separator at the end of a line.
                reserve(1)
                base[count] = 0x0A
                count += 1
                // A few lines at a time (at least `batchBytes`): the block at a boundary is
                // built twice, once a batch rather than once a line.
                if fused, count &- pendingStart >= Self.batchBytes { analyzePending() }
            } else if lineCount > 0 {
                pendingParagraph = true  // an empty line between two lines of text
            }
            lineStart = count
        }

        /// Bytes of finished lines gathered before they are tokenised: still in L1, and few
        /// boundary blocks built twice.
        static let batchBytes = 256

        /// Tokenises the lines finished since the last call: the bitmap of the 64-byte blocks
        /// they cover (the first may be shared with the batch before, whose bytes were not all
        /// written when it was built), then each line's shape and tokens as `DocumentAnalysis`
        /// would compute them on the whole text. Called by `TextNormalizer.write` at the end too.
        mutating func analyzePending() {
            guard fused, pendingLine < lineCount else { return }
            var block = pendingStart &>> 6
            let last = (count &- 1) &>> 6  // the last line's newline
            while block <= last {
                WordBitmap.storeBlock(block, of: base, into: words)
                block &+= 1
            }
            let needed = tokenCount + LineAnalyzer.maxTokens(bytes: count - pendingStart) + (lineCount - pendingLine)
            if needed > tokenCapacity {
                let grown = max(needed, tokenCapacity * 2)
                let fresh = UnsafeMutablePointer<UInt64>.allocate(capacity: grown)
                fresh.update(from: tokens, count: tokenCount)
                tokens.deallocate()
                tokens = fresh
                tokenCapacity = grown
            }
            let text = UnsafeBufferPointer(start: UnsafePointer(base), count: count)
            let bits = WordBits(words: words, bytes: base)
            for index in pendingLine..<lineCount {
                let line = lines[index]
                let shape = LineAnalyzer.analyze(text, words: bits, start: line.start, end: line.end, tokens: tokens, firstToken: tokenCount)
                tokenCount = shape.tokenEnd
                (shapes + index).initialize(to: shape)
            }
            pendingLine = lineCount
            pendingStart = count
        }

        /// A block-level element boundary: a paragraph break.
        mutating func paragraph() {
            newline()
            if lineCount > 0 { pendingParagraph = true }
        }

        /// Makes room for `extra` bytes plus a held-back space.
        @inline(__always)
        private mutating func beforeContent(_ extra: Int) {
            reserve(extra + 1)
            if pendingSpace {
                if count > lineStart {
                    base[count] = 0x20
                    count += 1
                }
                pendingSpace = false
            }
        }

        /// Copies input bytes `from..<to`.
        @inline(__always)
        mutating func run(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
            guard from < to, let source = p.baseAddress else { return }
            beforeContent(to - from)
            (base + count).update(from: source + from, count: to - from)
            count += to - from
        }

        /// A decoded scalar, classified like raw input.
        mutating func scalar(_ v: UInt32) {
            switch v {
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                newline()
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                space()
            case 0..<0x20, 0x7F, 0x80...0x9F, 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0xFEFF:
                break  // invisible: zero-width, soft hyphen, direction marks, controls
            default:
                beforeContent(4)
                count += encodeScalar(v, into: base + count)
            }
        }
    }
}
