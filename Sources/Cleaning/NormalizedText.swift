/// Text after normalisation, as UTF-8 bytes with its non-empty lines located. Working on bytes
/// keeps the per-article cost close to one pass over the input.
struct NormalizedText: Sendable {
    struct Line: Sendable {
        var start: Int
        var end: Int
        /// A blank line (or a block-level HTML element) separated this line from the previous one.
        var paragraphBreakBefore: Bool
    }

    var bytes: [UInt8]
    var lines: [Line]

    func string(_ line: Line) -> String {
        String(decoding: bytes[line.start..<line.end], as: UTF8.self)
    }

    /// All lines, blank lines kept between paragraphs.
    func joined() -> String {
        joined(lines.indices)
    }

    func joined(_ indices: some Sequence<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var previous = -1
        for index in indices {
            if previous >= 0 {
                var paragraph = false
                for between in (previous + 1)...index where lines[between].paragraphBreakBefore {
                    paragraph = true
                    break
                }
                out.append(0x0A)
                if paragraph { out.append(0x0A) }
            }
            let line = lines[index]
            out.append(contentsOf: bytes[line.start..<line.end])
            previous = index
        }
        return String(decoding: out, as: UTF8.self)
    }
}
