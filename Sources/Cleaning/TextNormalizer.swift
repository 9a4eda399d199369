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
        let text = NormalizedText(copying: w.written, lines: w.finishedLines)
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
                    let end = HTMLTagScanner.skipTag(p, from: i, writer: &w)
                    // The skipped bytes reach no line, where the NFC check looks
                    // (`mayNeedComposition`): a lead from CC among them counts as a scalar NFC
                    // may change (one could turn a tag name's letter into another, as K does).
                    if UnicodeNFC.hasLeadFrom0xCC(UnsafeBufferPointer(rebasing: p[i..<end])) { w.mayNeedComposition = true }
                    i = end
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
                    i = w.plainRun(p, i, first: first)
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
                i = w.plainRun(p, i, first: 1)
            }
        }
        w.newline()
        w.analyzePending()
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
        /// Lines before this one are tokenised; blocks before `builtBlocks` have their bitmap.
        private var pendingLine = 0
        private var builtBlocks = 0

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

        /// Whether NFC might change the text written (fused pass only): a line held a scalar
        /// that is not NFC-stable (`LineShape.notNFCStable`), or a skipped tag a lead from CC.
        /// When false, NFC leaves the input as it is (NFC changes a text only at such scalars),
        /// so what was written is the normalisation of the input's NFC form too. Every scalar of
        /// the input is in a line, in a skipped tag, or one the normaliser drops or turns into
        /// a space or a line break: invisibles, controls and spaces, all NFC-stable but U+2000
        /// and U+2001, which NFC turns into U+2002 and U+2003, spaces as well.
        var mayNeedComposition = false

        /// Hands the (possibly grown) buffers back.
        consuming func finish(into scratch: CleaningScratch) {
            scratch.adopt(bytes: base, byteCapacity: capacity, words: words, lines: lines, shapes: shapes,
                          lineCapacity: lineCapacity, tokens: tokens, tokenCapacity: tokenCapacity)
        }

        /// The bytes written, in the writer's buffer (the scratch's once `finish` hands it back).
        var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

        /// The lines found, in the writer's buffer (the scratch's once `finish` hands it back).
        var finishedLines: UnsafeBufferPointer<NormalizedText.Line> { UnsafeBufferPointer(start: lines, count: lineCount) }

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

        /// Inlined (called once a line from the plain runs): the common case, a line to record
        /// with room for it, in a few stores; a blank line or a full buffer takes
        /// `newlineInFull`. Against a call of the whole (session 18): 65 525 -> 65 391
        /// instructions a bench-corpus article, 172 773 -> 171 427 a web page.
        @inline(__always)
        mutating func newline() {
            guard count > lineStart, lineCount < lineCapacity, count &+ 2 <= capacity else {
                newlineInFull()
                return
            }
            pendingSpace = false
            (lines + lineCount).initialize(to: .init(start: lineStart, end: count, paragraphBreakBefore: pendingParagraph))
            lineCount &+= 1
            pendingParagraph = false
            base[count] = 0x0A
            count &+= 1
            if fused, count &- builtBlocks &<< 6 >= Self.batchBytes { analyzePending(final: false) }
            lineStart = count
        }

        @inline(never)
        private mutating func newlineInFull() {
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
                // then always meets a separator at the end of a line. Room for two: a paragraph
                // break after the line writes a second (`breakParagraph`, at most once a line).
                reserve(2)
                base[count] = 0x0A
                count += 1
                // A few lines at a time (at least `batchBytes`), while their bytes are in cache.
                if fused, count &- builtBlocks &<< 6 >= Self.batchBytes { analyzePending(final: false) }
            } else {
                breakParagraph()  // an empty line between two lines of text
            }
            lineStart = count
        }

        /// A paragraph break after the last line (if any), written once as a second '\n' after
        /// that line's: consecutive lines' bytes then hold exactly the separators
        /// `NormalizedText.joined` puts between them ("\n", "\n\n" before a paragraph), so a
        /// run of kept lines becomes the result text in one copy. The byte stands for the input's
        /// second line break or a block-level tag, so the output still fits the input's length.
        private mutating func breakParagraph() {
            guard lineCount > 0, !pendingParagraph else { return }
            pendingParagraph = true
            base[count] = 0x0A  // the room `newline` reserved with the last line
            count += 1
            lineStart = count
        }

        /// Bytes of finished lines gathered before they are tokenised: still in L1 (a 4 KB
        /// article's input, output and bitmap fit there whole). 512 rather than 256 since no
        /// block is built twice: half the batches, some 60 instructions each. 2048 rather than
        /// 512 (session 14): 480 fewer instructions a 4 KB article (67 467 -> 66 988; web
        /// pages 177 337 -> 176 788) and no slower in alternating runs (best rounds 10.27-10.70
        /// against 10.48-10.99 µs); 4096 saved 230 more, with a noisier time. 4096 (session 16):
        /// 66 414 -> 66 228 (web pages 176 192 -> 175 940), callgrind's cache model counting
        /// the same first-level misses (1.163 M against 1.169 M reads over 3 072 calls): a 4 KB
        /// article's bytes, bitmap and tokens still fit in L1 whole.
        static let batchBytes = 4096

        /// Tokenises the lines finished since the last call: the bitmap of the 64-byte blocks
        /// they cover, then each line's shape and tokens as `DocumentAnalysis` would compute them
        /// on the whole text. Before the end (`final` false) only whole blocks are built, and only
        /// the lines whose newline lies in them are tokenised (the rest wait for the next batch):
        /// each block is built once, not once more for every batch boundary inside it (a fifth
        /// of the blocks with 256-byte batches). `TextNormalizer.write` calls it with `final` at
        /// the end, which builds the last, partial block.
        mutating func analyzePending(final: Bool = true) {
            guard fused, pendingLine < lineCount else { return }
            let ready = final ? (count &+ 63) &>> 6 : count &>> 6  // blocks to build
            var block = builtBlocks
            while block < ready {
                WordBitmap.storeBlock(block, of: base, into: words)
                block &+= 1
            }
            builtBlocks = ready
            var lastLine = lineCount
            if !final {
                let limit = ready &<< 6  // a line's newline (at `end`) must lie below it
                while lastLine > pendingLine, lines[lastLine &- 1].end >= limit { lastLine &-= 1 }
                guard lastLine > pendingLine else { return }
            }
            let firstByte = lines[pendingLine].start
            let needed = tokenCount + LineAnalyzer.maxTokens(bytes: lines[lastLine &- 1].end &+ 1 &- firstByte) + (lastLine - pendingLine)
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
            for index in pendingLine..<lastLine {
                let line = lines[index]
                let shape = LineAnalyzer.analyze(text, words: bits, start: line.start, end: line.end, tokens: tokens, firstToken: tokenCount)
                tokenCount = shape.tokenEnd
                mayNeedComposition = mayNeedComposition || shape.notNFCStable
                (shapes + index).initialize(to: shape)
            }
            pendingLine = lastLine
        }

        /// A block-level element boundary: a paragraph break.
        mutating func paragraph() {
            newline()
            breakParagraph()
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

        /// Copies the plain run starting at input `i` (its first character, `first` bytes, known
        /// plain) as it scans for its end (`copyPlainRun`); returns where it stopped.
        ///
        /// A run that stops at a line break (`\n`) followed, after more of them, by plain ASCII
        /// goes on here with the next line's run: `write`'s loop would do the same (`newline`
        /// per break, then a plain run), at the price of a dispatch per break and of this call's
        /// entry and exit per line (session 18: 66 225 -> 65 525 instructions a bench-corpus
        /// article, 176 262 -> 172 773 a web page).
        @inline(__always)
        mutating func plainRun(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, first: Int) -> Int {
            let n = p.count
            var start = i
            var after = i &+ first
            // One call of `copyPlainRun` in the loop, so that it is inlined (two calls were not).
            while true {
                // Room for the rest of the input: the run's chunks are stored before its end is
                // known. (After a line break no space is pending.)
                beforeContent(n &- start)
                let j = TextNormalizer.copyPlainRun(p, from: start, after: after, into: base + count)
                count &+= j &- start
                guard j < n, p[j] == 0x0A else { return j }
                newline()
                var k = j &+ 1
                while k < n, p[k] == 0x0A {
                    newline()
                    k &+= 1
                }
                guard k < n, TextNormalizer.isPlainASCII(p[k]) else { return k }
                start = k
                after = k &+ 1
            }
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
