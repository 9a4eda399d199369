/// Writes JSON straight into a byte buffer.
///
/// The enriched record is written once per article on the hot path; Foundation's encoder costs
/// ~30–50 µs for a 4 KB record here, a byte writer ~10 µs (DESIGN.md §4). Callers write objects
/// with `object { … }` and members with `field(_:_:)`; commas are handled for them.
///
/// The writer owns a raw buffer (grown by doubling, freed when the writer goes away) and each
/// call writes through its pointer with plain stores. It held an array before, and each write
/// paid the array's uniqueness check and buffer-pointer set-up: the tag result of a 4 KB article
/// cost 98 k instructions that way, 83 k this way. Noncopyable, so two writers never share the
/// buffer, and sending one hands it over (hence `@unchecked Sendable`: the pointer is owned,
/// never aliased).
public struct JSONWriter: ~Copyable, @unchecked Sendable {
    // Internal, not private: the hot members are @inlinable, so the stages' result writers (other
    // modules) inline them and their closures; encoding a 4 KB article's record went from 164 k
    // to 144 k instructions. Forcing the literal keys and fields inline paid only once the copy
    // under them was inlinable too (see `key(_:)`).
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var length = 0
    @usableFromInline var needsComma = false
    /// False while the writer writes into a caller's buffer (`init(borrowing:capacity:)`).
    @usableFromInline var ownsBuffer = true

    /// The JSON written so far (an exact-size copy; the working buffer keeps spare room).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: length)) }

    /// The JSON written so far as an exact-size array, leaving the writer empty (its buffer
    /// stays for more output). The copy and its allocation cost ~11 k instructions a 4 KB record
    /// (the array buffer before was handed over, but had to be zero-filled when reserved).
    public mutating func takeBytes() -> [UInt8] {
        let taken = bytes
        length = 0
        needsComma = false
        return taken
    }

    public init(reservingCapacity capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// A writer into `buffer`, which it does not free; if the output outgrows it, the writer
    /// moves to a buffer of its own (`ownsBuffer`). The encoder writes a record straight into
    /// the array it returns this way, without a second allocation and copy.
    init(borrowing buffer: UnsafeMutablePointer<UInt8>, capacity: Int) {
        base = buffer
        self.capacity = capacity
        ownsBuffer = false
    }

    deinit { if ownsBuffer { base.deallocate() } }

    @inlinable
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        punctuate(opening: UInt8(ascii: "{"))
        body(&self)
        punctuate(closing: UInt8(ascii: "}"))
    }

    @inlinable
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        punctuate(opening: UInt8(ascii: "["))
        body(&self)
        punctuate(closing: UInt8(ascii: "]"))
    }

    /// Starts a member; the next value written is its value.
    @_disfavoredOverload @inlinable
    public mutating func key(_ name: String) {
        Self.withUTF8(of: name) { key(utf8: $0) }
    }

    /// A key written in the source (every key of the enriched record): its bytes are used where
    /// they are, without the copy a `String` key's UTF-8 view makes. String literals pick this
    /// overload; keys built at run time take the `String` one, which escapes. A literal name must
    /// need no escape (no `"`, `\` or control byte; debug builds assert it), so one of 1...16 bytes
    /// is written without the escape test: ~40 instructions for each of a record's ~230 literal
    /// names (key or fused member), ~10 k per 4 KB article.
    ///
    /// Always inlined (so are the literal `field` overloads and `JSONEscaping.copy`): in the
    /// stages' writers a literal's length and representation are then constants, the tests fold
    /// away, the copy is one fixed load and store, and there is no call. Called, a key cost ~48
    /// instructions; the codec (decode + encode) of a 4 KB article went from 132.7 k to 122.3 k.
    /// Inlined while `copy` was not `@inlinable`, the copy stayed a call: 128.1 k.
    @inlinable @inline(__always)
    public mutating func key(_ name: StaticString) {
        guard Self.isShortLiteral(name) else {
            name.withUTF8Buffer { key(utf8: $0) }
            return
        }
        let base = name.utf8Start, count = name.utf8CodeUnitCount, comma = needsComma
        write(maxCount: 20) { out in
            let written = Self.writeShortPlain(base, count: count, comma: comma, to: out)
            out[written] = UInt8(ascii: ":")
            return written + 1
        }
        needsComma = false
    }

    /// Whether a literal name is 1...16 bytes held as bytes (then written as is: see `key(_:)`).
    @inlinable @inline(__always)
    static func isShortLiteral(_ name: StaticString) -> Bool {
        guard name.hasPointerRepresentation, name.utf8CodeUnitCount > 0, name.utf8CodeUnitCount <= 16 else { return false }
        assert(isPlainLiteral(name), "a literal JSON name needs no escape")
        return true
    }

    @usableFromInline
    static func isPlainLiteral(_ name: StaticString) -> Bool {
        name.withUTF8Buffer { !$0.contains(where: JSONEscaping.needsEscape) }
    }

    @inlinable
    mutating func key(utf8 name: UnsafeBufferPointer<UInt8>) {
        appendQuoted(name, comma: needsComma, colon: true)
        needsComma = false
    }

    /// Always inlined with `withUTF8(of:)`: a called string write built a closure context for
    /// `appendQuoted` (~20 instructions of each of a record's ~280 strings).
    @inlinable @inline(__always)
    public mutating func string(_ value: String) {
        let comma = needsComma
        Self.withUTF8(of: value) { appendQuoted($0, comma: comma, colon: false) }
        needsComma = true
    }

    @inlinable
    public mutating func int(_ value: Int64) {
        let comma = needsComma
        write(maxCount: 21) { out in
            var count = 0
            if comma { out[0] = UInt8(ascii: ","); count = 1 }
            return count + Self.writeDecimal(value, to: out + count)
        }
        needsComma = true
    }

    @inlinable public mutating func int(_ value: Int) { int(Int64(value)) }

    /// `[first,second]` in one write: the tag result's entity mentions are such pairs, and as an
    /// array of two ints each cost four writes (each pays the buffer's uniqueness check).
    @inlinable
    public mutating func intPair(_ first: Int, _ second: Int) {
        let comma = needsComma
        write(maxCount: 44) { out in
            var count = 0
            if comma { out[0] = UInt8(ascii: ","); count = 1 }
            out[count] = UInt8(ascii: "[")
            count += 1
            count += Self.writeDecimal(Int64(first), to: out + count)
            out[count] = UInt8(ascii: ",")
            count += 1
            count += Self.writeDecimal(Int64(second), to: out + count)
            out[count] = UInt8(ascii: "]")
            return count + 1
        }
        needsComma = true
    }
    @inlinable @inline(__always) public mutating func bool(_ value: Bool) { appendLiteral(value ? "true" : "false"); needsComma = true }
    @inlinable @inline(__always) public mutating func null() { appendLiteral("null"); needsComma = true }

    /// Finite doubles only; NaN and infinities (not JSON) are written as null. The text is
    /// `value.description` (shortest round-trip digits); stage scores rounded to thousandths take
    /// a direct path that writes the same text without the general formatter.
    @inlinable
    public mutating func double(_ value: Double) {
        guard value.isFinite else { null(); return }
        separate()
        var written = false
        write(maxCount: 32) { out in
            let count = Self.writeThousandths(value, to: out)
            written = count > 0
            return count
        }
        if !written { appendBytes(value.description) }
        needsComma = true
    }

    /// A number whose text is already valid JSON (from `JSONValue.number`).
    public mutating func rawNumber(_ text: String) { separate(); appendBytes(text); needsComma = true }

    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let text): rawNumber(text)
        case .string(let text): string(text)
        case .array(let elements): array { writer in elements.forEach { writer.value($0) } }
        case .object(let members):
            object { writer in
                for member in members {
                    writer.key(member.key)
                    writer.value(member.value)
                }
            }
        }
    }

    // Convenience members: literal names take the `StaticString` ones, run-time names the others.
    @inlinable @inline(__always) public mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    @inlinable @inline(__always) public mutating func field(_ name: StaticString, _ value: String?) { key(name); if let value { string(value) } else { null() } }
    /// A literal value (a code such as an entity type) must need no escape, like a literal name:
    /// name and value of up to 16 bytes each go in one write without a UTF-8 view or escape test.
    @inlinable @inline(__always) public mutating func field(_ name: StaticString, _ value: StaticString) {
        if Self.isShortLiteral(value) {
            let base = value.utf8Start, count = value.utf8CodeUnitCount
            if member(name, maxCount: 18, { Self.writeShortPlain(base, count: count, comma: false, to: $0) }) { return }
        }
        key(name)
        value.withUTF8Buffer { appendQuoted($0, comma: false, colon: false) }
        needsComma = true
    }
    @inlinable @inline(__always) public mutating func field(_ name: StaticString, _ value: Int64) {
        if !member(name, maxCount: 21, { Self.writeDecimal(value, to: $0) }) { key(name); int(value) }
    }
    @inlinable @inline(__always) public mutating func field(_ name: StaticString, _ value: Int) { field(name, Int64(value)) }
    @inlinable @inline(__always) public mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    @inlinable @inline(__always) public mutating func field(_ name: StaticString, _ value: Double) {
        if !value.isFinite || !member(name, maxCount: 32, { Self.writeThousandths(value, to: $0) }) { key(name); double(value) }
    }
    @inlinable @_disfavoredOverload public mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    @inlinable @_disfavoredOverload public mutating func field(_ name: String, _ value: String?) { key(name); if let value { string(value) } else { null() } }
    @inlinable @_disfavoredOverload public mutating func field(_ name: String, _ value: Int64) { key(name); int(value) }
    @inlinable @_disfavoredOverload public mutating func field(_ name: String, _ value: Int) { key(name); int(value) }
    @inlinable @_disfavoredOverload public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    @inlinable @_disfavoredOverload public mutating func field(_ name: String, _ value: Double) { key(name); double(value) }

    /// A member with a literal name of up to 16 bytes (`isShortLiteral`), written with its comma and its value
    /// (`value` writes into room for `maxCount` bytes, returning how many, 0 for "cannot") in one
    /// write instead of two. Returns false, having written nothing, when the name or value cannot
    /// go this way; the caller then writes them separately.
    @inlinable @inline(__always)
    mutating func member(_ name: StaticString, maxCount: Int, _ value: (UnsafeMutablePointer<UInt8>) -> Int) -> Bool {
        guard Self.isShortLiteral(name) else { return false }
        let count = name.utf8CodeUnitCount
        let base = name.utf8Start
        let comma = needsComma
        var done = false
        write(maxCount: maxCount + 20) { out in
            var written = Self.writeShortPlain(base, count: count, comma: comma, to: out)
            out[written] = UInt8(ascii: ":")
            written += 1
            let valueCount = value(out + written)
            guard valueCount > 0 else { return 0 }
            done = true
            return written + valueCount
        }
        if done { needsComma = true }
        return done
    }

    // MARK: - Buffer

    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if capacity &- length < extra { grow(extra) }
    }

    @usableFromInline @inline(never)
    mutating func grow(_ extra: Int) {
        let target = max(capacity * 2, length + extra, 64)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: target)
        larger.initialize(from: base, count: length)
        if ownsBuffer { base.deallocate() }
        ownsBuffer = true
        base = larger
        capacity = target
    }

    /// Runs `body` on room for `maxCount` bytes after the output; it returns how many it wrote.
    @inlinable @inline(__always)
    mutating func write(maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maxCount)
        length &+= body(base + length)
    }

    @inlinable
    mutating func separate() {
        if needsComma { write(maxCount: 1) { out in out[0] = UInt8(ascii: ","); return 1 } }
    }

    @inlinable
    mutating func punctuate(opening: UInt8) {
        let comma = needsComma
        write(maxCount: 2) { out in
            if comma {
                out[0] = UInt8(ascii: ",")
                out[1] = opening
                return 2
            }
            out[0] = opening
            return 1
        }
        needsComma = false
    }

    @inlinable
    mutating func punctuate(closing: UInt8) {
        write(maxCount: 1) { out in out[0] = closing; return 1 }
        needsComma = true
    }

    /// `null`, `true` or `false`, after the comma if one is due, in one write with the short
    /// copy: through `appendBytes` each of a record's ~44 such values paid a separate comma write
    /// and a `memmove` call.
    @inlinable @inline(__always)
    mutating func appendLiteral(_ text: StaticString) {
        let base = text.utf8Start, count = text.utf8CodeUnitCount, comma = needsComma
        write(maxCount: count &+ 1) { out in
            var written = 0
            if comma { out[0] = UInt8(ascii: ","); written = 1 }
            JSONEscaping.copy(base, count: count, to: out + written)
            return written &+ count
        }
    }

    @usableFromInline
    mutating func appendBytes(_ text: String) {
        Self.withUTF8(of: text) { appendBytes($0) }
    }

    @inlinable
    mutating func appendBytes(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress else { return }
        write(maxCount: source.count) { out in
            out.update(from: from, count: source.count)
            return source.count
        }
    }

    @inlinable @inline(__always)
    static func withUTF8(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable(body)
        if done == nil {
            var text = text
            text.withUTF8(body)
        }
    }
}
