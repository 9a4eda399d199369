/// A token of the input with its UTF-8 byte range. Carries no Strings: the sub-taggers compare
/// vocabulary ids and byte hashes, and only the few tokens that end up in the result are decoded.
/// Stored in 48 bytes (offsets as UInt32, booleans as bits): the token array is walked by every
/// sub-tagger, so its size is memory traffic on every pass. Texts are cut to `Tokenizer.maxBytes`.
struct Token: Sendable {
    enum Kind: UInt8, Sendable { case word, number, punct }
    /// Byte hash (`ByteHash`) of the bytes as written / lower-cased; stands in for the String in per-document sets.
    var exactHash: UInt64
    var lowerHash: UInt64
    private var start32: UInt32
    private var end32: UInt32
    private var lowerStart32: UInt32
    private var lowerEnd32: UInt32
    /// Vocabulary id of the lower-cased form (-1: not in the vocabulary).
    var id: Int32
    /// Vocabulary id of the form as written (-1: not in the vocabulary).
    var exactID: Int32
    private var length32: UInt32
    var kind: Kind
    private var bits: UInt8

    enum Bit {
        static let capitalized: UInt8 = 1
        static let allCaps: UInt8 = 2
        static let sentenceStart: UInt8 = 4
        static let newlineBefore: UInt8 = 8
        static let spaceBefore: UInt8 = 16
        static let hyphen: UInt8 = 32
        static let dot: UInt8 = 64
    }

    init(start: Int, end: Int, lowerStart: Int, lowerEnd: Int, kind: Kind, id: Int32, exactID: Int32,
         exactHash: UInt64, lowerHash: UInt64, length: Int, isCapitalized: Bool, isAllCaps: Bool,
         sentenceStart: Bool, newlineBefore: Bool, spaceBefore: Bool, hasHyphen: Bool, hasDot: Bool) {
        var b: UInt8 = 0
        if isCapitalized { b |= Bit.capitalized }
        if isAllCaps { b |= Bit.allCaps }
        if sentenceStart { b |= Bit.sentenceStart }
        if newlineBefore { b |= Bit.newlineBefore }
        if spaceBefore { b |= Bit.spaceBefore }
        if hasHyphen { b |= Bit.hyphen }
        if hasDot { b |= Bit.dot }
        self.init(start: start, end: end, lowerStart: lowerStart, lowerEnd: lowerEnd, kind: kind, id: id, exactID: exactID,
                  exactHash: exactHash, lowerHash: lowerHash, length: length, bits: b)
    }

    @inline(__always)
    init(start: Int, end: Int, lowerStart: Int, lowerEnd: Int, kind: Kind, id: Int32, exactID: Int32,
         exactHash: UInt64, lowerHash: UInt64, length: Int, bits: UInt8) {
        self.exactHash = exactHash
        self.lowerHash = lowerHash
        start32 = UInt32(truncatingIfNeeded: start)
        end32 = UInt32(truncatingIfNeeded: end)
        lowerStart32 = UInt32(truncatingIfNeeded: lowerStart)
        lowerEnd32 = UInt32(truncatingIfNeeded: lowerEnd)
        self.id = id
        self.exactID = exactID
        length32 = UInt32(truncatingIfNeeded: length)
        self.kind = kind
        self.bits = bits
    }

    var start: Int { @inline(__always) get { Int(start32) } }
    var end: Int { @inline(__always) get { Int(end32) } }
    /// Byte range of the lower-cased form in `TokenizedText.lower`.
    var lowerStart: Int { @inline(__always) get { Int(lowerStart32) } }
    var lowerEnd: Int { @inline(__always) get { Int(lowerEnd32) } }
    /// Unicode scalars (≈ characters for the precomposed text news uses).
    var length: Int { @inline(__always) get { Int(length32) } }
    var isCapitalized: Bool { @inline(__always) get { bits & Bit.capitalized != 0 } }
    var isAllCaps: Bool { @inline(__always) get { bits & Bit.allCaps != 0 } }
    /// First token of a sentence, a paragraph, a quotation or a parenthesis: capitals there say little.
    var sentenceStart: Bool { @inline(__always) get { bits & Bit.sentenceStart != 0 } }
    var newlineBefore: Bool { @inline(__always) get { bits & Bit.newlineBefore != 0 } }
    var spaceBefore: Bool { @inline(__always) get { bits & Bit.spaceBefore != 0 } }
    var hasHyphen: Bool { @inline(__always) get { bits & Bit.hyphen != 0 } }
    var hasDot: Bool { @inline(__always) get { bits & Bit.dot != 0 } }
}
