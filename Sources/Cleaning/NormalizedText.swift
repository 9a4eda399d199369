import Pipeline

/// Text after normalisation, as UTF-8 bytes with its non-empty lines located. Working on bytes
/// keeps the per-article cost close to one pass over the input.
///
/// Its strings are made without validating the bytes again (`ValidatedUTF8.string`): every byte
/// comes from a Swift string (valid by construction) cut at scalar boundaries, or from
/// `encodeScalar` of a valid scalar; re-validating it in `String(decoding:as:)` cost as much as the
/// whole line analysis for non-Latin text. Debug builds and `NormalizationTests` check it.
///
/// `@unchecked Sendable`: the bytes are never written once the text is made. They are owned
/// (`TextNormalizer.normalize`, the reference path, and `Cleaner.analyze`), or borrowed from the
/// scratch of the `clean` call that made them (`Cleaner.analyze(…, scratch:)`): such a text
/// lives only inside that call, which holds the scratch until it has built its result. Copying
/// a 4 KB text into an array of its own, and freeing it, cost some 1,100 instructions an article.
struct NormalizedText: @unchecked Sendable {
    struct Line: Sendable {
        var start: Int
        var end: Int
        /// A blank line (or a block-level HTML element) separated this line from the previous one.
        var paragraphBreakBefore: Bool
    }

    /// The lines' bytes, each line followed by a '\n' that is not part of its range (and a
    /// second one before a paragraph break).
    let bytes: UnsafeBufferPointer<UInt8>
    /// The non-empty lines, in order: owned or borrowed with the bytes.
    let lines: UnsafeBufferPointer<Line>
    /// Keeps owned bytes and lines alive; nil when they are borrowed.
    private let owner: OwnedText?

    /// A text owning copies of `bytes` and `lines`.
    init(copying bytes: UnsafeBufferPointer<UInt8>, lines: UnsafeBufferPointer<Line>) {
        let owner = OwnedText(bytes, lines)
        self.owner = owner
        self.bytes = UnsafeBufferPointer(start: owner.bytes, count: bytes.count)
        self.lines = UnsafeBufferPointer(start: owner.lines, count: lines.count)
    }

    /// A text over bytes and lines someone else keeps alive for as long as the text is used.
    init(borrowing bytes: UnsafeBufferPointer<UInt8>, lines: UnsafeBufferPointer<Line>) {
        owner = nil
        self.bytes = bytes
        self.lines = lines
    }

    func string(_ line: Line) -> String {
        ValidatedUTF8.string(UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]))
    }

    /// All lines, blank lines kept between paragraphs.
    func joined() -> String {
        joined(lines.indices)
    }

    /// The lines at `indices` (ascending), one newline between lines and a blank line where a
    /// paragraph break lay between them.
    ///
    /// The normaliser writes those very separators between consecutive lines (a second '\n'
    /// before a paragraph), so a run of consecutive lines is one stretch of `bytes`: when the
    /// kept lines are one run (most documents: furniture sits at the start and the end), the
    /// string is made straight from it; otherwise the runs are gathered in one buffer (one copy
    /// a run, not a line) and the string made once. A run is only taken whole where the bytes
    /// between its lines are those separators (checked per line: any other layout is copied
    /// line by line).
    ///
    /// `scratch`, when it has room for the whole text and its separators, serves as that buffer
    /// (`clean` lends one from its scratch): no allocation then.
    func joined(_ indices: some Sequence<Int>, scratch: UnsafeMutableBufferPointer<UInt8>? = nil) -> String {
        let p = bytes
        guard let source = p.baseAddress else { return "" }
        let capacity = p.count + 2 * lines.count + 1
        var allocated: UnsafeMutablePointer<UInt8>?
        defer { allocated?.deallocate() }
        var out: UnsafeMutablePointer<UInt8>?
        var count = 0
        var first = -1  // the current run of lines, first...last
        var last = -1
        /// Appends the run to the buffer (taken at the first run), which it returns.
        func flush() -> UnsafeMutablePointer<UInt8> {
            let buffer: UnsafeMutablePointer<UInt8>
            if let out {
                buffer = out
            } else if let lent = scratch?.baseAddress, scratch?.count ?? 0 >= capacity {
                buffer = lent
                out = buffer
            } else {
                buffer = .allocate(capacity: capacity)
                allocated = buffer
                out = buffer
            }
            let length = lines[last].end - lines[first].start
            (buffer + count).update(from: source + lines[first].start, count: length)
            count += length
            return buffer
        }
        for index in indices {
            if last >= 0 {
                if index == last + 1, follows(index, p) {
                    last = index
                    continue
                }
                let buffer = flush()
                var paragraph = false
                for between in (last + 1)...index where lines[between].paragraphBreakBefore {
                    paragraph = true
                    break
                }
                buffer[count] = 0x0A
                count += 1
                if paragraph {
                    buffer[count] = 0x0A
                    count += 1
                }
            }
            first = index
            last = index
        }
        guard last >= 0 else { return "" }
        if out == nil {
            return ValidatedUTF8.string(UnsafeBufferPointer(start: source + lines[first].start, count: lines[last].end - lines[first].start))
        }
        return ValidatedUTF8.string(UnsafeBufferPointer(start: flush(), count: count))
    }

    /// Whether line `index` follows line `index - 1` in the bytes with exactly the separator
    /// `joined` would put between them.
    @inline(__always)
    private func follows(_ index: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let gap = lines[index - 1].end
        let paragraph = lines[index].paragraphBreakBefore
        guard lines[index].start == gap + (paragraph ? 2 : 1), p[gap] == 0x0A else { return false }
        return !paragraph || p[gap + 1] == 0x0A
    }
}
