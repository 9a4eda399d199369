/// Quoted strings: the short and medium plain paths and the escaping one (the scan and the run
/// copies are `JSONEscaping`'s).
extension JSONWriter {
    /// 1...16 bytes that need no escape: written with one straight copy (`writeShortPlain`).
    @inlinable @inline(__always)
    static func isShortPlain(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        count <= 16 && count > 0 && JSONEscaping.isPlainShort(base, count: count)
    }

    /// `,"…"` (the comma only with `comma`) of a string `isShortPlain` accepted, at `out`;
    /// returns the bytes written. Keys, short strings and fused members all start this way.
    @inlinable @inline(__always)
    static func writeShortPlain(_ base: UnsafePointer<UInt8>, count: Int, comma: Bool, to out: UnsafeMutablePointer<UInt8>) -> Int {
        writeQuotedPlain(count: count, comma: comma, to: out) { JSONEscaping.copy(base, count: count, to: $0) }
    }

    /// `,"…"` around `count` bytes that `copy` puts at the pointer it is given; returns the bytes
    /// written. The short and the medium plain strings differ only in how they copy.
    @inlinable @inline(__always)
    static func writeQuotedPlain(count: Int, comma: Bool, to out: UnsafeMutablePointer<UInt8>,
                                 copy: (UnsafeMutablePointer<UInt8>) -> Void) -> Int {
        var written = 0
        if comma { out[0] = UInt8(ascii: ","); written = 1 }
        out[written] = UInt8(ascii: "\"")
        copy(out + written + 1)
        written += count + 1
        out[written] = UInt8(ascii: "\"")
        return written + 1
    }

    /// The writer's hot loop (~860 keys and strings, ~14 KB, per enriched record; the scan and
    /// the run copies are `JSONEscaping`'s). A string up to 2 KB goes in one write with its comma, quotes and colon; longer ones
    /// in chunks, so the room reserved for escapes (6 bytes each) stays small.
    @inlinable
    mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, comma: Bool, colon: Bool) {
        let count = utf8.count
        if let base = utf8.baseAddress, Self.isShortPlain(base, count: count) {
            // Most keys and tag strings: no escape, so one straight copy.
            write(maxCount: 20) { out in
                var written = Self.writeShortPlain(base, count: count, comma: comma, to: out)
                if colon { out[written] = UInt8(ascii: ":"); written += 1 }
                return written
            }
            return
        }
        if let base = utf8.baseAddress, count > 16, count <= 32, JSONEscaping.isPlainMedium(base, count: count) {
            // Longer names, labels and dates (~20 of a record's tag strings): the same, in two
            // overlapping 16-byte copies instead of the escaping loop and a `memmove` call.
            write(maxCount: 36) { out in
                var written = Self.writeQuotedPlain(count: count, comma: comma, to: out) {
                    JSONEscaping.copyMedium(base, count: count, to: $0)
                }
                if colon { out[written] = UInt8(ascii: ":"); written += 1 }
                return written
            }
            return
        }
        appendQuotedEscaping(utf8, comma: comma, colon: colon)
    }

    /// `appendQuoted` for strings that may need escapes or are longer than 16 bytes: not inlined.
    @usableFromInline
    mutating func appendQuotedEscaping(_ utf8: UnsafeBufferPointer<UInt8>, comma: Bool, colon: Bool) {
        let chunk = 2_048
        let count = utf8.count
        guard count > chunk, let base = utf8.baseAddress else {
            write(maxCount: count * 6 + 4) { out in
                var written = 0
                if comma { out[0] = UInt8(ascii: ","); written = 1 }
                out[written] = UInt8(ascii: "\"")
                written += 1
                if let base = utf8.baseAddress { written += JSONEscaping.writeEscaped(base, count: count, to: out + written) }
                out[written] = UInt8(ascii: "\"")
                written += 1
                if colon { out[written] = UInt8(ascii: ":"); written += 1 }
                return written
            }
            return
        }
        write(maxCount: 2) { out in
            if comma { out[0] = UInt8(ascii: ","); out[1] = UInt8(ascii: "\""); return 2 }
            out[0] = UInt8(ascii: "\"")
            return 1
        }
        var start = 0
        while start < count {
            let part = min(chunk, count - start)
            write(maxCount: part * 6) { out in JSONEscaping.writeEscaped(base + start, count: part, to: out) }
            start += part
        }
        write(maxCount: 2) { out in
            out[0] = UInt8(ascii: "\"")
            if colon { out[1] = UInt8(ascii: ":"); return 2 }
            return 1
        }
    }
}
