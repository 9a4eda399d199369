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

    private static func appendPadded(_ out: inout [UInt8], _ value: Int, width: Int) {
        let digits = Array(String(abs(value)).utf8)
        if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        out.append(contentsOf: digits)
    }

}
