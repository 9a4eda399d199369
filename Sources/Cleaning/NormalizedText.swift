/// Text after normalisation, as UTF-8 bytes with its non-empty lines located. Working on bytes
/// keeps the per-article cost close to one pass over the input.
struct NormalizedText: Sendable {
    struct Line: Sendable {
        var start: Int
        var end: Int
        /// A blank line (or a block-level HTML element) separated this line from the previous one.
        var paragraphBreakBefore: Bool
    }

    /// The lines' bytes, each line followed by a '\n' that is not part of its range.
    var bytes: [UInt8]
    var lines: [Line]

    func string(_ line: Line) -> String {
        bytes.withUnsafeBufferPointer { uncheckedString(UnsafeBufferPointer(rebasing: $0[line.start..<line.end])) }
    }

    /// All lines, blank lines kept between paragraphs.
    func joined() -> String {
        joined(lines.indices)
    }

    /// The lines at `indices` (ascending), one newline between lines and a blank line where a
    /// paragraph break lay between them. Assembled in one buffer, turned into a string once.
    func joined(_ indices: some Sequence<Int>) -> String {
        bytes.withUnsafeBufferPointer { p -> String in
            guard let source = p.baseAddress else { return "" }
            let capacity = p.count + 2 * lines.count + 1
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            defer { out.deallocate() }
            var count = 0
            var previous = -1
            for index in indices {
                let line = lines[index]
                if previous >= 0 {
                    var paragraph = false
                    for between in (previous + 1)...index where lines[between].paragraphBreakBefore {
                        paragraph = true
                        break
                    }
                    out[count] = 0x0A
                    count += 1
                    if paragraph {
                        out[count] = 0x0A
                        count += 1
                    }
                }
                let length = line.end - line.start
                (out + count).update(from: source + line.start, count: length)
                count += length
                previous = index
            }
            return uncheckedString(UnsafeBufferPointer(start: out, count: count))
        }
    }
}
