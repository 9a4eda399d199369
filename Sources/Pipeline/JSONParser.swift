/// A strict RFC 8259 parser over bytes that are already valid UTF-8.
///
/// Hand-written so that hostile input cannot hurt: nesting depth is bounded (no stack overflow on
/// 10 000 opening brackets), every error names its byte offset, and nothing is ever recursive
/// beyond `maxDepth`.
public struct JSONParser {
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    /// Whether `bytes` were checked to be valid UTF-8 (strings are then cut without re-checking),
    /// and whether they are all ASCII.
    private let validated: Bool
    private let asciiInput: Bool
    private var index = 0
    /// Where escaped strings are unescaped: room for the whole input (a string's unescaped bytes
    /// are never more than its escaped ones), made at the first escape and freed by `parse`.
    /// An array grown by `append(contentsOf:)` per run cost ~3 k instructions a 4 KB article
    /// (whose text has a `\n` every few lines).
    private var scratch: UnsafeMutablePointer<UInt8>?

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, validated: Bool, asciiInput: Bool) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.validated = validated
        self.asciiInput = asciiInput
    }

    /// Parses exactly one JSON value (surrounded by optional whitespace). Invalid UTF-8 inside
    /// strings is repaired (U+FFFD).
    public static func parse(_ input: [UInt8], maxDepth: Int = 64) throws(Error) -> JSONValue {
        try parse(input, maxDepth: maxDepth, validated: false, asciiInput: false)
    }

    /// For input already checked by `ValidatedUTF8.check` (`isASCII` is its answer).
    static func parse(validatedUTF8 input: [UInt8], isASCII: Bool, maxDepth: Int) throws(Error) -> JSONValue {
        try parse(input, maxDepth: maxDepth, validated: true, asciiInput: isASCII)
    }

    private static func parse(_ input: [UInt8], maxDepth: Int, validated: Bool, asciiInput: Bool) throws(Error) -> JSONValue {
        let result: Result<JSONValue, Error> = input.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth, validated: validated, asciiInput: asciiInput)
            defer { parser.scratch?.deallocate() }
            do throws(Error) {
                parser.skipWhitespace()
                let value = try parser.parseValue(depth: 0)
                parser.skipWhitespace()
                guard parser.index == buffer.count else { throw parser.error("trailing characters after the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func error(_ reason: String) -> Error { Error(offset: index, reason: reason) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0a, 0x0d: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(Error) -> JSONValue {
        guard let byte = current else { throw error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Error) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of input") }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
            throw error("invalid literal")
        }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(Error) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth)") }
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return .object([]) }
        // An article has ~6 members: room for 8 at once saves the array's regrowth (1, 2, 4, 8;
        // ~1.7 k instructions a record).
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(8)
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if let existing = members.firstIndex(where: { $0.key == key }) {
                members[existing].value = value
            } else {
                members.append((key, value))
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(Error) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth)") }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw error("expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(Error) -> String {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, isDigit(first) else { throw error("expected a digit") }
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            while let byte = current, isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, isDigit(byte) else { throw error("expected a digit after '.'") }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, isDigit(byte) else { throw error("expected a digit in the exponent") }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Strings lie between quotes (ASCII), so a validated input's strings are valid; escapes
    /// append only valid scalars.
    private func makeString(_ slice: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        validated ? ValidatedUTF8.string(slice, isASCII: isASCII) : String(decoding: slice, as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func parseString() throws(Error) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, slice the (already valid UTF-8) bytes directly.
        skipPlainRun()
        guard let first = current else { throw error("unterminated string") }
        if first == UInt8(ascii: "\"") {
            let text = makeString(UnsafeBufferPointer(rebasing: bytes[start..<index]), isASCII: asciiInput)
            index += 1
            return text
        }
        guard first >= 0x20 else { throw error("control character in string") }
        guard let base = bytes.baseAddress else { throw error("unterminated string") }
        let out: UnsafeMutablePointer<UInt8>
        if let scratch {
            out = scratch
        } else {
            out = .allocate(capacity: bytes.count)
            scratch = out
        }
        var written = index - start
        out.update(from: base + start, count: written)
        while index < bytes.count {
            // The run up to the next quote, backslash or control byte, copied as it is scanned.
            let stop = JSONEscaping.copyPlainRun(base, from: index, count: bytes.count, to: out + written)
            written += stop - index
            index = stop
            guard let byte = current else { break }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                // `\u` escapes may add non-ASCII scalars to ASCII input.
                return makeString(UnsafeBufferPointer(start: out, count: written), isASCII: false)
            case UInt8(ascii: "\\"):
                index += 1
                try parseEscape(into: out, written: &written)
            default:
                throw error("control character in string")
            }
        }
        throw error("unterminated string")
    }

    /// Moves to the next quote, backslash or control byte (or the end): string content 32 bytes a
    /// step with the writer's SSE2 escape scan (the same three stops). Article texts come with
    /// `\n` escapes, so most of a text is read on the escaped-string path, run by run.
    @inline(__always)
    private mutating func skipPlainRun() {
        guard let base = bytes.baseAddress else { return }
        index = JSONEscaping.firstEscape(base, from: index, count: bytes.count)
    }

    /// Appends the unescaped bytes at `out + written` (at most as many as the escape's own).
    private mutating func parseEscape(into out: UnsafeMutablePointer<UInt8>, written: inout Int) throws(Error) {
        guard let byte = current else { throw error("unterminated escape") }
        index += 1
        let plain: UInt8
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): plain = byte
        case UInt8(ascii: "b"): plain = 0x08
        case UInt8(ascii: "f"): plain = 0x0c
        case UInt8(ascii: "n"): plain = 0x0a
        case UInt8(ascii: "r"): plain = 0x0d
        case UInt8(ascii: "t"): plain = 0x09
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xd800...0xdbff).contains(scalar) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate")
                }
                index += 2
                let low = try parseHex4()
                guard (0xdc00...0xdfff).contains(low) else { throw error("invalid low surrogate") }
                scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
            } else if (0xdc00...0xdfff).contains(scalar) {
                throw error("unpaired surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid code point") }
            for unit in UTF8.encode(unicode) ?? UTF8.EncodedScalar() {
                out[written] = unit
                written += 1
            }
            return
        default:
            throw error("invalid escape")
        }
        out[written] = plain
        written += 1
    }

    private mutating func parseHex4() throws(Error) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
