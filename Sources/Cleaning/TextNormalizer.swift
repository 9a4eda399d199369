/// One forward pass over the bytes: HTML tags and references, invisible characters, spacing
/// and line breaks. Hand-written rather than regex so that hostile input (unclosed tags, endless
/// `<<<<`) stays linear: every byte is looked at a bounded number of times.
enum TextNormalizer {
    static func normalize(_ text: String) -> NormalizedText {
        var source = text
        return source.withUTF8 { normalize(bytes: $0) }
    }

    static func normalize(bytes p: UnsafeBufferPointer<UInt8>) -> NormalizedText {
        var w = Writer(capacity: p.count)
        let n = p.count
        // A '<' after the last '>' can never open a tag; knowing this up front means a tag scan
        // always finds its end and never has to back off.
        var lastGT = -1
        if let found = p.lastIndex(of: UInt8(ascii: ">")) { lastGT = found }
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
            case UInt8(ascii: "<") where i < lastGT && opensTag(p, i):
                i = HTMLTagScanner.skipTag(p, from: i, writer: &w)
            case UInt8(ascii: "&"):
                if let (value, length) = HTMLEntities.decode(p, at: i) {
                    w.scalar(value)
                    i += length
                } else {
                    w.byte(b)
                    i += 1
                }
            case 0..<0x20, 0x7F:
                i += 1  // other control characters carry nothing
            case 0x80...:
                let (value, length) = decodeScalar(p, i)
                if isPlain(value) {
                    w.bytes(p, i, length)
                } else {
                    w.scalar(value)
                }
                i += length
            default:
                // Plain printable ASCII: copy the whole run at once.
                var j = i + 1
                while j < n {
                    let c = p[j]
                    if c <= 0x20 || c >= 0x7F || c == UInt8(ascii: "<") || c == UInt8(ascii: "&") { break }
                    j += 1
                }
                w.run(p, i, j)
                i = j
            }
        }
        w.newline()
        return NormalizedText(bytes: w.out, lines: w.lines)
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
    struct Writer {
        var out: [UInt8]
        var lines: [NormalizedText.Line] = []
        private var lineStart = 0
        private var pendingSpace = false
        private var pendingParagraph = false

        init(capacity: Int) {
            out = []
            out.reserveCapacity(capacity)
        }

        mutating func space() {
            pendingSpace = true
        }

        mutating func newline() {
            pendingSpace = false
            if out.count > lineStart {
                lines.append(.init(start: lineStart, end: out.count, paragraphBreakBefore: pendingParagraph))
                pendingParagraph = false
            } else if !lines.isEmpty {
                pendingParagraph = true  // an empty line between two lines of text
            }
            lineStart = out.count
        }

        /// A block-level element boundary: a paragraph break.
        mutating func paragraph() {
            newline()
            if !lines.isEmpty { pendingParagraph = true }
        }

        @inline(__always)
        private mutating func beforeContent() {
            if pendingSpace {
                if out.count > lineStart { out.append(0x20) }
                pendingSpace = false
            }
        }

        @inline(__always)
        mutating func byte(_ b: UInt8) {
            beforeContent()
            out.append(b)
        }

        mutating func run(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
            beforeContent()
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[from..<to]))
        }

        mutating func bytes(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int) {
            beforeContent()
            for k in i..<(i + length) { out.append(p[k]) }
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
                beforeContent()
                appendScalar(v, to: &out)
            }
        }
    }
}
