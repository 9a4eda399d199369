/// Named character references that occur in scraped news text. Unknown names are left as
/// written: guessing would corrupt text that merely contains an ampersand.
enum HTMLEntities {
    static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0,
        "shy": 0xAD, "zwj": 0x200D, "zwnj": 0x200C, "ensp": 0x2002, "emsp": 0x2003,
        "thinsp": 0x2009, "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019,
        "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "laquo": 0xAB,
        "raquo": 0xBB, "lsaquo": 0x2039, "rsaquo": 0x203A, "hellip": 0x2026, "bull": 0x2022,
        "middot": 0xB7, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "euro": 0x20AC,
        "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "sect": 0xA7, "para": 0xB6, "deg": 0xB0,
        "plusmn": 0xB1, "times": 0xD7, "divide": 0xF7, "frac12": 0xBD, "frac14": 0xBC,
        "frac34": 0xBE, "iexcl": 0xA1, "iquest": 0xBF, "ordf": 0xAA, "ordm": 0xBA,
        "szlig": 0xDF, "Agrave": 0xC0, "Aacute": 0xC1, "Acirc": 0xC2, "Atilde": 0xC3,
        "Auml": 0xC4, "Aring": 0xC5, "AElig": 0xC6, "Ccedil": 0xC7, "Egrave": 0xC8,
        "Eacute": 0xC9, "Ecirc": 0xCA, "Euml": 0xCB, "Igrave": 0xCC, "Iacute": 0xCD,
        "Icirc": 0xCE, "Iuml": 0xCF, "Ntilde": 0xD1, "Ograve": 0xD2, "Oacute": 0xD3,
        "Ocirc": 0xD4, "Otilde": 0xD5, "Ouml": 0xD6, "Oslash": 0xD8, "Ugrave": 0xD9,
        "Uacute": 0xDA, "Ucirc": 0xDB, "Uuml": 0xDC, "Yacute": 0xDD, "agrave": 0xE0,
        "aacute": 0xE1, "acirc": 0xE2, "atilde": 0xE3, "auml": 0xE4, "aring": 0xE5,
        "aelig": 0xE6, "ccedil": 0xE7, "egrave": 0xE8, "eacute": 0xE9, "ecirc": 0xEA,
        "euml": 0xEB, "igrave": 0xEC, "iacute": 0xED, "icirc": 0xEE, "iuml": 0xEF,
        "ntilde": 0xF1, "ograve": 0xF2, "oacute": 0xF3, "ocirc": 0xF4, "otilde": 0xF5,
        "ouml": 0xF6, "oslash": 0xF8, "ugrave": 0xF9, "uacute": 0xFA, "ucirc": 0xFB,
        "uuml": 0xFC, "yacute": 0xFD, "yuml": 0xFF, "OElig": 0x152, "oelig": 0x153,
        "Scaron": 0x160, "scaron": 0x161,
    ]

    /// Decodes the reference starting at `p[i] == '&'`; returns the scalar and the bytes used,
    /// or nil when it is not a well-formed known reference (then `&` stays literal).
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int)? {
        let n = p.count
        let limit = min(n, i + 34)  // longest names are short; bounded look-ahead keeps it linear
        var j = i + 1
        guard j < limit else { return nil }
        if p[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < limit, p[j] | 0x20 == UInt8(ascii: "x") {
                hex = true
                j += 1
            }
            var value: UInt32 = 0
            let digitsStart = j
            while j < limit, p[j] != UInt8(ascii: ";") {
                let c = p[j]
                let digit: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(c - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value &* (hex ? 16 : 10) &+ digit
                if value > 0x10FFFF { return nil }
                j += 1
            }
            guard j < limit, j > digitsStart else { return nil }
            if value == 0 || (0xD800...0xDFFF).contains(value) { return nil }
            return (value, j + 1 - i)
        }
        let nameStart = j
        while j < limit, p[j] != UInt8(ascii: ";") {
            let c = p[j]
            let isAlnum = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
            if !isAlnum { return nil }
            j += 1
        }
        guard j < limit, j > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<j]), as: UTF8.self)
        guard let value = named[name] else { return nil }
        return (value, j + 1 - i)
    }
}
