/// RFC 3339 UTC timestamps with millisecond precision, formatted by hand: this runs twice per
/// article and Foundation's formatters cost microseconds each.
public enum Timestamp {
    public static func rfc3339(milliseconds: Int64) -> String {
        String(unsafeUninitializedCapacity: maxRFC3339Count) { writeRFC3339(milliseconds: milliseconds, to: $0) }
    }

    /// The most bytes `writeRFC3339` writes.
    static let maxRFC3339Count = 40

    /// `rfc3339(milliseconds:)`'s text into `out` (room for `maxRFC3339Count` bytes); returns
    /// its length. The record encoder writes its timestamps this way, straight into the record.
    static func writeRFC3339(milliseconds: Int64, to out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let millis = Int(((milliseconds % 1000) + 1000) % 1000)
        let totalSeconds = (milliseconds - Int64(millis)) / 1000
        let days = Int(floorDivide(totalSeconds, 86_400))
        let secondsOfDay = Int(totalSeconds - Int64(days) * 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        // Written in place: at most 20 year digits and 20 more bytes. An array to build it in and
        // the string copied from it were two allocations per timestamp, three timestamps a record.
        var at = writePadded(out, 0, year, width: 4)
        out[at] = UInt8(ascii: "-")
        at = writePadded(out, at + 1, month, width: 2)
        out[at] = UInt8(ascii: "-")
        at = writePadded(out, at + 1, day, width: 2)
        out[at] = UInt8(ascii: "T")
        at = writePadded(out, at + 1, secondsOfDay / 3600, width: 2)
        out[at] = UInt8(ascii: ":")
        at = writePadded(out, at + 1, secondsOfDay / 60 % 60, width: 2)
        out[at] = UInt8(ascii: ":")
        at = writePadded(out, at + 1, secondsOfDay % 60, width: 2)
        out[at] = UInt8(ascii: ".")
        at = writePadded(out, at + 1, millis, width: 3)
        out[at] = UInt8(ascii: "Z")
        return at + 1
    }

    /// Proleptic Gregorian calendar date for a day count from 1970-01-01, using 400-year eras.
    static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = daysSinceEpoch + 719_468  // days from 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153  // March = 0
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    /// Zero-padded to `width` digits, or more when the value needs them (years past 9999); returns
    /// the index after the last digit.
    private static func writePadded(_ out: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ value: Int, width: Int) -> Int {
        let magnitude = value.magnitude
        var digitCount = 1
        var limit: UInt = 10
        while digitCount < 20, magnitude >= limit {
            digitCount += 1
            limit = limit &* 10
        }
        let end = start + max(width, digitCount)
        var at = end
        var rest = magnitude
        for _ in 0..<digitCount {
            at -= 1
            out[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        while at > start {
            at -= 1
            out[at] = UInt8(ascii: "0")
        }
        return end
    }

    /// Milliseconds since the epoch for `YYYY-MM[-DD[THH:MM[:SS[.fff]][Z|±HH:MM]]]` (a space may
    /// replace `T`; no zone means UTC; a missing day means the 1st). nil for anything else: used for
    /// `published_at`, whose format articled does not control.
    public static func milliseconds(parsing text: String) -> Int64? {
        // Read in place: copying the text into an array and matching Characters cost ~7k
        // instructions per article, for the article-age metric alone.
        var text = text
        return text.withUTF8(milliseconds(parsingUTF8:))
    }

    private static func milliseconds(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        @inline(__always) func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in UnsafeBufferPointer(rebasing: bytes[index..<index + width]) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += width
            return value
        }
        @inline(__always) func take(_ ascii: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ascii) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), take("-"), let month = number(2), (1...12).contains(month) else { return nil }
        var day = 1, hour = 0, minute = 0, second = 0, millis = 0, offsetMinutes = 0
        if take("-") {
            guard let parsed = number(2), (1...31).contains(parsed) else { return nil }
            day = parsed
            if take("T") || take("t") || take(" ") {
                guard let h = number(2), h < 24, take(":"), let m = number(2), m < 60 else { return nil }
                hour = h
                minute = m
                if take(":") {
                    guard let sec = number(2), sec <= 60 else { return nil }
                    second = min(sec, 59)
                    if take(".") || take(",") {
                        var scale = 100
                        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                            millis += Int(bytes[index] - UInt8(ascii: "0")) * scale
                            scale /= 10
                            index += 1
                        }
                    }
                }
                if take("Z") || take("z") {
                } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                    index += 1
                    guard let h = number(2), h < 24 else { return nil }
                    _ = take(":")
                    guard let m = number(2), m < 60 else { return nil }
                    offsetMinutes = sign * (h * 60 + m)
                }
            }
        }
        guard index == bytes.count else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }

    /// Inverse of `civilDate`.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
