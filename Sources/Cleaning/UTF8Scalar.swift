/// Decodes one scalar from valid UTF-8 (Swift strings are always valid) without building
/// `Unicode.Scalar`s: the hot loops only need the code point and its length.
@inline(__always)
func decodeScalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    let n = p.count
    if b0 < 0xE0 {
        guard i + 1 < n else { return (0xFFFD, 1) }
        return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2)
    }
    if b0 < 0xF0 {
        guard i + 2 < n else { return (0xFFFD, 1) }
        return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
    }
    guard i + 3 < n else { return (0xFFFD, 1) }
    let v = ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12)
        | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F)
    return (v, 4)
}

/// Writes `v` as UTF-8 at `out` (room for four bytes required); returns the bytes written.
@inline(__always)
func encodeScalar(_ v: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
    switch v {
    case 0..<0x80:
        out[0] = UInt8(v)
        return 1
    case 0x80..<0x800:
        out[0] = UInt8(0xC0 | (v >> 6))
        out[1] = UInt8(0x80 | (v & 0x3F))
        return 2
    case 0x800..<0x10000:
        out[0] = UInt8(0xE0 | (v >> 12))
        out[1] = UInt8(0x80 | ((v >> 6) & 0x3F))
        out[2] = UInt8(0x80 | (v & 0x3F))
        return 3
    default:
        out[0] = UInt8(0xF0 | ((v >> 18) & 0x07))
        out[1] = UInt8(0x80 | ((v >> 12) & 0x3F))
        out[2] = UInt8(0x80 | ((v >> 6) & 0x3F))
        out[3] = UInt8(0x80 | (v & 0x3F))
        return 4
    }
}
