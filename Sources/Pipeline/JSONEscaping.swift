/// The string escaping under `JSONWriter`: finding the bytes JSON must escape (controls below
/// 0x20, `"` and `\`) sixteen at a time, and copying the plain runs between them.
///
/// An enriched record is ~14 KB of strings in ~860 keys and values, most of them shorter than 16
/// bytes, so both the long-run scan and the short-string test matter. `SIMD16<UInt8>` lane
/// comparisons compile to SSE2 `pcmpeqb`/`pminub` (the Cleaning module's `PlainBytes16` does the
/// same); no load reads outside the string: a tail shorter than 16 bytes is tested as the string's
/// last 16 bytes with the lanes already tested cleared, and a string shorter than 16 bytes as two
/// overlapping words.
@usableFromInline
enum JSONEscaping {
    typealias Bytes = SIMD16<UInt8>

    /// 0xFF in the lanes of `x` that need escaping, as the low and high eight lanes.
    @inline(__always)
    static func escapeLanes(_ x: Bytes) -> (UInt64, UInt64) {
        let stop = (x .< Bytes(repeating: 0x20)) .| (x .== Bytes(repeating: UInt8(ascii: "\"")))
            .| (x .== Bytes(repeating: UInt8(ascii: "\\")))
        return unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: stop), to: (UInt64, UInt64).self)
    }

    /// The first lane set in `lanes` (16 when none).
    @inline(__always)
    private static func firstLane(_ lanes: (UInt64, UInt64)) -> Int {
        if lanes.0 != 0 { return lanes.0.trailingZeroBitCount &>> 3 }
        if lanes.1 != 0 { return 8 &+ lanes.1.trailingZeroBitCount &>> 3 }
        return 16
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The offset of the first byte at or after `start` that needs escaping, or `count`.
    @inline(__always)
    static func firstEscape(_ source: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        let raw = UnsafeRawPointer(source)
        var position = start
        // Long text (article and clean text, ~8 KB a record) 32 bytes a step: one test of both halves.
        while count &- position >= 32 {
            let first = escapeLanes(raw.loadUnaligned(fromByteOffset: position, as: Bytes.self))
            let second = escapeLanes(raw.loadUnaligned(fromByteOffset: position &+ 16, as: Bytes.self))
            if first.0 | first.1 | second.0 | second.1 == 0 {
                position &+= 32
                continue
            }
            let lane = firstLane(first)
            return lane < 16 ? position &+ lane : position &+ 16 &+ firstLane(second)
        }
        while count &- position >= 16 {
            let lane = firstLane(escapeLanes(raw.loadUnaligned(fromByteOffset: position, as: Bytes.self)))
            if lane < 16 { return position &+ lane }
            position &+= 16
        }
        let remaining = count &- position
        if remaining == 0 { return count }
        if count >= 16 {
            // The string's last 16 bytes; the first `tested` lanes were tested above.
            let tested = 16 &- remaining
            var lanes = escapeLanes(raw.loadUnaligned(fromByteOffset: count &- 16, as: Bytes.self))
            if tested >= 8 {
                lanes.0 = 0
                lanes.1 &= ~0 &<< UInt64(truncatingIfNeeded: (tested &- 8) &* 8)
            } else {
                lanes.0 &= ~0 &<< UInt64(truncatingIfNeeded: tested &* 8)
            }
            let lane = firstLane(lanes)
            return lane < 16 ? count &- 16 &+ lane : count
        }
        return position &+ firstEscapeShort(raw + position, count: remaining)
    }

    /// `firstEscape` for 1...15 bytes, without reading past them: the bytes go into one vector as
    /// two overlapping words (8...15 bytes: the first and last eight; 4...7: the first and last
    /// four; 1...3: the first, middle and last byte) padded with `A`. Lanes map to offsets in
    /// increasing order, and a byte in two lanes shows first in the lower one, so the first set
    /// lane gives the first offset.
    @inline(__always)
    private static func firstEscapeShort(_ raw: UnsafeRawPointer, count: Int) -> Int {
        let lanes = escapeLanes(shortBlock(raw, count: count))
        if lanes.0 == 0, lanes.1 == 0 { return count }
        // The offset of the byte in lane 8 (8...15 bytes) or lane 4 (4...7).
        let secondStart = count >= 8 ? count &- 8 : count &- 4
        if count >= 8 {
            if lanes.0 != 0 { return lanes.0.trailingZeroBitCount &>> 3 }
            return secondStart &+ lanes.1.trailingZeroBitCount &>> 3
        }
        let lane = lanes.0.trailingZeroBitCount &>> 3
        if count >= 4 { return lane < 4 ? lane : secondStart &+ lane &- 4 }
        return lane == 0 ? 0 : lane == 1 ? count &>> 1 : count &- 1
    }

    /// The 1...15 bytes at `raw` as one vector (see `firstEscapeShort`).
    @inline(__always)
    private static func shortBlock(_ raw: UnsafeRawPointer, count: Int) -> Bytes {
        let padding: UInt64 = 0x4141_4141_4141_4141
        let low: UInt64
        let high: UInt64
        if count >= 8 {
            low = raw.loadUnaligned(as: UInt64.self)
            high = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            low = UInt64(raw.loadUnaligned(as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)) &<< 32
            high = padding
        } else {
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            low = padding &<< 24 | UInt64(bytes[0]) | UInt64(bytes[count &>> 1]) &<< 8 | UInt64(bytes[count &- 1]) &<< 16
            high = padding
        }
        return unsafeBitCast((low, high), to: Bytes.self)
    }

    /// True when none of the 1...16 bytes at `source` needs escaping: the test that lets most
    /// keys and tag strings (~570 of a record's ~600) be copied without the general loop.
    @inline(__always)
    @usableFromInline
    static func isPlainShort(_ source: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(source)
        let block = count == 16 ? raw.loadUnaligned(as: Bytes.self) : shortBlock(raw, count: count)
        let lanes = escapeLanes(block)
        return lanes.0 | lanes.1 == 0
    }

    /// Copies the bytes from `start` up to the first that needs escaping (or `count`) to `out`
    /// and returns that offset: the parser's unescaping of a string, in one pass. As in
    /// `writeEscaped`, each 32-byte block is stored before its test, so `out` needs room for
    /// `count` − `start` bytes (not only the run's).
    @inline(__always)
    static func copyPlainRun(_ source: UnsafePointer<UInt8>, from start: Int, count: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let raw = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(out) - start
        var position = start
        while count &- position >= 32 {
            let first = raw.loadUnaligned(fromByteOffset: position, as: Bytes.self)
            let second = raw.loadUnaligned(fromByteOffset: position &+ 16, as: Bytes.self)
            to.storeBytes(of: first, toByteOffset: position, as: Bytes.self)
            to.storeBytes(of: second, toByteOffset: position &+ 16, as: Bytes.self)
            let firstLanes = escapeLanes(first)
            let secondLanes = escapeLanes(second)
            if firstLanes.0 | firstLanes.1 | secondLanes.0 | secondLanes.1 == 0 {
                position &+= 32
                continue
            }
            let lane = firstLane(firstLanes)
            return position &+ (lane < 16 ? lane : 16 &+ firstLane(secondLanes))
        }
        let stop = firstEscape(source, from: position, count: count)
        copy(source + position, count: stop &- position, to: out + (position &- start))
        return stop
    }

    /// True when none of the 17...32 bytes at `source` needs escaping (the first and the last
    /// 16 bytes, overlapping).
    @inline(__always)
    @usableFromInline
    static func isPlainMedium(_ source: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(source)
        let first = escapeLanes(raw.loadUnaligned(as: Bytes.self))
        let last = escapeLanes(raw.loadUnaligned(fromByteOffset: count &- 16, as: Bytes.self))
        return first.0 | first.1 | last.0 | last.1 == 0
    }

    /// Copies 16...32 bytes as the first and the last 16 (overlapping).
    @inline(__always)
    @usableFromInline
    static func copyMedium(_ source: UnsafePointer<UInt8>, count: Int, to out: UnsafeMutablePointer<UInt8>) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(out)
        let first = from.loadUnaligned(as: Bytes.self)
        let last = from.loadUnaligned(fromByteOffset: count &- 16, as: Bytes.self)
        to.storeBytes(of: first, as: Bytes.self)
        to.storeBytes(of: last, toByteOffset: count &- 16, as: Bytes.self)
    }

    /// Writes `count` bytes from `source` escaped (at most 6 bytes each); returns the bytes written.
    /// `out` must have room for 6 × `count` bytes.
    ///
    /// Scan and copy are one pass: each 32-byte block is stored to `out` as loaded, before its
    /// test, and on an escape the output position stops at its lane (the rest of the block is
    /// written over). Scanning first and copying each run after with `memmove` read the long texts
    /// twice and paid a call per run (an article's text has a `\n` every few hundred bytes). The
    /// stores stay within the room: before a block at input offset `i`, at most 6 × `i` bytes are
    /// written, and 32 more fit in the 6 × (`count` − `i`) left when 32 or more remain.
    @inline(__always)
    static func writeEscaped(_ source: UnsafePointer<UInt8>, count: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let raw = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(out)
        var written = 0
        var position = 0
        while count &- position >= 32 {
            let first = raw.loadUnaligned(fromByteOffset: position, as: Bytes.self)
            let second = raw.loadUnaligned(fromByteOffset: position &+ 16, as: Bytes.self)
            to.storeBytes(of: first, toByteOffset: written, as: Bytes.self)
            to.storeBytes(of: second, toByteOffset: written &+ 16, as: Bytes.self)
            let firstLanes = escapeLanes(first)
            let secondLanes = escapeLanes(second)
            if firstLanes.0 | firstLanes.1 | secondLanes.0 | secondLanes.1 == 0 {
                position &+= 32
                written &+= 32
                continue
            }
            var lane = firstLane(firstLanes)
            if lane == 16 { lane = 16 &+ firstLane(secondLanes) }
            position &+= lane
            written &+= lane
            written &+= writeEscape(source[position], to: out + written)
            position &+= 1
        }
        while true {
            let stop = firstEscape(source, from: position, count: count)
            copy(source + position, count: stop &- position, to: out + written)
            written &+= stop &- position
            if stop == count { return written }
            written &+= writeEscape(source[stop], to: out + written)
            position = stop &+ 1
        }
    }

    /// A run copy; runs up to 16 bytes (most keys and tag strings) as two overlapping
    /// loads and stores instead of a `memmove` call.
    @inlinable @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, count: Int, to out: UnsafeMutablePointer<UInt8>) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(out)
        if count > 16 {
            to.copyMemory(from: from, byteCount: count)
        } else if count >= 8 {
            let first = from.loadUnaligned(as: UInt64.self)
            let last = from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            to.storeBytes(of: first, as: UInt64.self)
            to.storeBytes(of: last, toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            let first = from.loadUnaligned(as: UInt32.self)
            let last = from.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            to.storeBytes(of: first, as: UInt32.self)
            to.storeBytes(of: last, toByteOffset: count &- 4, as: UInt32.self)
        } else if count > 0 {
            out[0] = source[0]
            out[count &>> 1] = source[count &>> 1]
            out[count &- 1] = source[count &- 1]
        }
    }

    /// The escape of one byte that needs it; returns its length (2 or 6).
    static func writeEscape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""): out[1] = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): out[1] = UInt8(ascii: "\\")
        case 0x0a: out[1] = UInt8(ascii: "n")
        case 0x0d: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        default:
            out[1] = UInt8(ascii: "u")
            out[2] = UInt8(ascii: "0")
            out[3] = UInt8(ascii: "0")
            out[4] = hexDigit(byte &>> 4)
            out[5] = hexDigit(byte & 0xf)
            return 6
        }
        return 2
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ (nibble &- 10)
    }
}
