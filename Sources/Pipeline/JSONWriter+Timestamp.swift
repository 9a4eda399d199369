extension JSONWriter {
    /// A `Timestamp.rfc3339` string value written straight into the output: each of a record's
    /// two or three timestamps was a 24-byte `String` (a heap allocation and its release) made
    /// only to be copied here. Its bytes (digits, `-`, `T`, `:`, `.`, `Z`) need no escape.
    mutating func timestamp(milliseconds: Int64) {
        let comma = needsComma
        write(maxCount: Timestamp.maxRFC3339Count + 3) { out in
            var written = 0
            if comma { out[0] = UInt8(ascii: ","); written = 1 }
            out[written] = UInt8(ascii: "\"")
            written += 1
            written += Timestamp.writeRFC3339(milliseconds: milliseconds, to: UnsafeMutableBufferPointer(start: out + written, count: Timestamp.maxRFC3339Count))
            out[written] = UInt8(ascii: "\"")
            return written + 1
        }
        needsComma = true
    }

    mutating func field(_ name: StaticString, timestamp milliseconds: Int64) {
        key(name)
        timestamp(milliseconds: milliseconds)
    }
}
