/// Prometheus text exposition format 0.0.4: names, escaping and number formatting.
///
/// Kept free of metric types so the golden-text tests pin down exactly the bytes a scraper sees.
enum Exposition {
    /// Metric names: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValidMetricName(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            let ok = isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || (!first && isDigit(byte))
            if !ok { return false }
            first = false
        }
        return !first
    }

    /// Label names: `[a-zA-Z_][a-zA-Z0-9_]*`, and names starting with `__` are reserved.
    static func isValidLabelName(_ name: String) -> Bool {
        if name.hasPrefix("__") { return false }
        var first = true
        for byte in name.utf8 {
            let ok = isLetter(byte) || byte == UInt8(ascii: "_") || (!first && isDigit(byte))
            if !ok { return false }
            first = false
        }
        return !first
    }

    /// Checks a family's label names, throwing the first problem found.
    static func validateLabelNames(_ labels: [String], metric: String, reserved: Set<String> = [])
        throws(TelemetryError)
    {
        var seen = Set<String>()
        for label in labels {
            guard isValidLabelName(label), !reserved.contains(label), seen.insert(label).inserted else {
                throw .invalidLabelName(metric: metric, label: label)
            }
        }
    }

    /// HELP text escapes backslash and line feed only.
    static func escapeHelp(_ text: String) -> String { escape(text, quotes: false) }

    /// Label values escape backslash, double quote and line feed.
    static func escapeLabelValue(_ text: String) -> String { escape(text, quotes: true) }

    private static func escape(_ text: String, quotes: Bool) -> String {
        guard text.utf8.contains(where: {
            $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") || (quotes && $0 == UInt8(ascii: "\""))
        }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\"" where quotes: out += "\\\""
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// `a="x",b="y"` without braces, so histograms can append `le` before closing.
    static func labelPairs(names: [String], values: [String]) -> String {
        var out = ""
        for (index, name) in names.enumerated() where index < values.count {
            if index > 0 { out += "," }
            out += name
            out += "=\""
            out += escapeLabelValue(values[index])
            out += "\""
        }
        return out
    }

    /// Integral values print without a fraction (`42`, not `42.0`) like the Go client does;
    /// special values use the spellings the format mandates (`+Inf`, `-Inf`, `NaN`).
    static func formatValue(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// Appends one sample line: `name{pairs} value`.
    static func appendSample(_ output: inout String, name: String, labelPairs: String, value: String) {
        output += name
        if !labelPairs.isEmpty {
            output += "{"
            output += labelPairs
            output += "}"
        }
        output += " "
        output += value
        output += "\n"
    }

    static func appendHeader(_ output: inout String, name: String, help: String, type: MetricKind) {
        output += "# HELP "
        output += name
        output += " "
        output += escapeHelp(help)
        output += "\n# TYPE "
        output += name
        output += " "
        output += type.rawValue
        output += "\n"
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
