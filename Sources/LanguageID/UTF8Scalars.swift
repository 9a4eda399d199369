/// The scalar values of a text's contiguous UTF-8, decoded by hand. The scorers' letter loops went
/// through `Substring.unicodeScalars`, whose index validation alone cost ~2.6 k instructions per
/// line in the segmenter's word pass (a third of it). A Swift string is valid UTF-8, so sequences
/// are not checked; one cut off by the end of the buffer (impossible in a String) ends the text.
struct UTF8Scalars {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// How many bytes have been read.
    var offset: Int { position }

    @inline(__always)
    mutating func next() -> UInt32? {
        let i = position
        guard i < bytes.count else { return nil }
        let lead = UInt32(bytes[i])
        if lead < 0x80 {
            position = i &+ 1
            return lead
        }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard i &+ length <= bytes.count else { position = bytes.count; return nil }
        var value = lead & (0x7F &>> UInt32(length))
        for k in 1..<length { value = value &<< 6 | UInt32(bytes[i &+ k] & 0x3F) }
        position = i &+ length
        return value
    }

    /// Consumes up to `limit` ASCII letters at the current position, folding each one's
    /// lower-case form into `hash` (the FNV-1a step the word scorer takes per letter), and returns
    /// how many. Runs of ASCII letters are most of the text in Latin-script news; taking them
    /// here skips the decoder and the character table, which cost more than the hash itself.
    @inline(__always)
    mutating func foldASCIILetters(into hash: inout UInt64, limit: Int, prime: UInt64) -> Int {
        let start = position
        let end = min(bytes.count, start &+ limit)
        var i = start
        var h = hash
        // Two letters a step (the loop's own test and increment once per two; ~1.5 instructions
        // fewer a letter), then the odd last one.
        scan: do {
            while i &+ 1 < end {
                let first = bytes[i] | 0x20
                guard first &- UInt8(ascii: "a") < 26 else { break scan }
                h = (h ^ UInt64(first)) &* prime
                let second = bytes[i &+ 1] | 0x20
                guard second &- UInt8(ascii: "a") < 26 else {
                    i &+= 1
                    break scan
                }
                h = (h ^ UInt64(second)) &* prime
                i &+= 2
            }
            if i < end {
                let lower = bytes[i] | 0x20
                if lower &- UInt8(ascii: "a") < 26 {
                    h = (h ^ UInt64(lower)) &* prime
                    i &+= 1
                }
            }
        }
        hash = h
        position = i
        return i &- start
    }

    /// Skips the ASCII bytes that are no letters (spaces, digits, punctuation) at the current
    /// position: between words they only cost the word scorer a decode and a table read each.
    @inline(__always)
    mutating func skipASCIINonLetters() {
        var i = position
        while i < bytes.count {
            let byte = bytes[i]
            if byte >= 0x80 || (byte | 0x20) &- UInt8(ascii: "a") < 26 { break }
            i &+= 1
        }
        position = i
    }

    /// Whether the next byte is ASCII and no letter (false at the end).
    var atASCIINonLetter: Bool {
        guard position < bytes.count else { return false }
        let byte = bytes[position]
        return byte < 0x80 && (byte | 0x20) &- UInt8(ascii: "a") >= 26
    }

    /// Runs `body` on the scalars of `text` (its UTF-8 is used in place when contiguous, as it is
    /// for native strings; otherwise copied once).
    @inline(__always)
    static func of<Result>(_ text: Substring, _ body: (inout UTF8Scalars) -> Result) -> Result {
        var text = text
        return text.withUTF8 { utf8 in
            var scalars = UTF8Scalars(utf8)
            return body(&scalars)
        }
    }
}
