/// Integers and fixed-point scores written without `String(value)`.
extension JSONWriter {
    /// `String(value)`, at most 20 bytes; returns the bytes written. The digits are counted
    /// first and written from the last, two per division by the constant 100 (a multiply): the
    /// record's ~400 offsets and counts paid a division by a variable power of ten per digit.
    @usableFromInline
    static func writeDecimal(_ value: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            count = 1
        }
        var magnitude = value.magnitude
        if magnitude < 100 {  // counts and small offsets
            if magnitude < 10 {
                out[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude)
                return count &+ 1
            }
            writePair(magnitude, to: out + count)
            return count &+ 2
        }
        if magnitude < 10_000 {  // most offsets (mentions are pairs of them): no digit count, no loop
            let high = magnitude / 100
            let low = magnitude &- high &* 100
            if high < 10 {
                out[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: high)
                writePair(low, to: out + (count &+ 1))
                return count &+ 3
            }
            writePair(high, to: out + count)
            writePair(low, to: out + (count &+ 2))
            return count &+ 4
        }
        var digits = 3
        var bound: UInt64 = 1_000
        while digits < 20, magnitude >= bound {
            bound &*= 10
            digits &+= 1
        }
        count &+= digits
        var end = count
        while magnitude >= 100 {
            let pair = magnitude % 100
            magnitude /= 100
            end &-= 2
            writePair(pair, to: out + end)
        }
        if magnitude >= 10 {
            writePair(magnitude, to: out + (end &- 2))
        } else {
            out[end &- 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude)
        }
        return count
    }

    /// The two digits of `pair` (< 100), copied from a table of "00"..."99" (a literal, so no
    /// lazy initialisation): a division by 10 and two stores per pair before.
    @inline(__always)
    private static func writePair(_ pair: UInt64, to out: UnsafeMutablePointer<UInt8>) {
        let digits = UnsafeRawPointer(digitPairs.utf8Start).loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: pair &* 2), as: UInt16.self)
        UnsafeMutableRawPointer(out).storeBytes(of: digits, as: UInt16.self)
    }

    private static var digitPairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }

    /// Writes `value.description` for a value that is exactly the double nearest to k / 1000
    /// (what `(x * 1000).rounded() / 1000` yields) with 0.001 <= |value| < 1e9, or zero; returns
    /// 0 (writing nothing) for anything else. Such a value has at most 12 significant decimal
    /// digits, so its shortest round-trip form is k / 1000 itself, which `description` prints in
    /// positional notation in this range (`JSONWriterFastPathTests` compares both). At most 16 bytes.
    @usableFromInline
    static func writeThousandths(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = value.magnitude
        guard magnitude < 1e9 else { return 0 }
        // Truncating k + 0.5 rounds without a libm call; any k other than the nearest fails the check.
        let thousandths = Int64(magnitude * 1000 + 0.5)
        let scaled = Double(thousandths)
        guard scaled / 1000 == magnitude, scaled >= 1 || magnitude == 0 else { return 0 }
        var count = 0
        if value.sign == .minus {
            out[0] = UInt8(ascii: "-")
            count = 1
        }
        let whole = thousandths / 1000
        if whole < 10 {  // scores and confidences: no call
            out[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: whole)
            count &+= 1
        } else {
            count &+= writeDecimal(whole, to: out + count)
        }
        // ".ddd" from a digit pair and a digit, then cut to ".d", ".dd" or ".ddd" without trailing
        // zeros (".0" for none): one division where there were three.
        let fraction = UInt64(truncatingIfNeeded: thousandths &- whole &* 1000)
        let high = fraction / 10
        let last = fraction &- high &* 10
        out[count] = UInt8(ascii: ".")
        writePair(high, to: out + (count &+ 1))
        out[count &+ 3] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: last)
        if last != 0 { return count &+ 4 }
        return high % 10 != 0 ? count &+ 3 : count &+ 2
    }
}
