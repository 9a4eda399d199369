/// RFC 3339 UTC timestamps with millisecond precision, formatted by hand: this runs twice per
/// article and Foundation's formatters cost microseconds each.
public enum Timestamp {
    public static func rfc3339(milliseconds: Int64) -> String {
        let millis = Int(((milliseconds % 1000) + 1000) % 1000)
        let totalSeconds = (milliseconds - Int64(millis)) / 1000
        let days = Int(floorDivide(totalSeconds, 86_400))
        let secondsOfDay = Int(totalSeconds - Int64(days) * 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var out = [UInt8]()
        out.reserveCapacity(24)
        appendPadded(&out, year, width: 4)
        out.append(UInt8(ascii: "-"))
        appendPadded(&out, month, width: 2)
        out.append(UInt8(ascii: "-"))
        appendPadded(&out, day, width: 2)
        out.append(UInt8(ascii: "T"))
        appendPadded(&out, secondsOfDay / 3600, width: 2)
        out.append(UInt8(ascii: ":"))
        appendPadded(&out, secondsOfDay / 60 % 60, width: 2)
        out.append(UInt8(ascii: ":"))
        appendPadded(&out, secondsOfDay % 60, width: 2)
        out.append(UInt8(ascii: "."))
        appendPadded(&out, millis, width: 3)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
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

    /// Zero-padded to `width` digits, or more when the value needs them (years past 9999).
    private static func appendPadded(_ out: inout [UInt8], _ value: Int, width: Int) {
        let magnitude = value.magnitude
        var digitCount = 1
        var limit: UInt = 10
        while digitCount < 20, magnitude >= limit {
            digitCount += 1
            limit = limit &* 10
        }
        for _ in digitCount..<max(width, digitCount) { out.append(UInt8(ascii: "0")) }
        var divisor: UInt = 1
        for _ in 1..<digitCount { divisor *= 10 }
        var rest = magnitude
        for _ in 0..<digitCount {
            out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }


    /// Milliseconds since the epoch for `YYYY-MM[-DD[THH:MM[:SS[.fff]][Z|±HH:MM]]]` (a space may
    /// replace `T`; no zone means UTC; a missing day means the 1st). nil for anything else: used for
    /// `published_at`, whose format articled does not control.
    public static func milliseconds(parsing text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + width] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += width
            return value
        }
        func take(_ character: Character) -> Bool {
            guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
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
