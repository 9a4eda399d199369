// The storage an analysis owns when it does not borrow the scratch of a `clean` call (the
// reference path, and the analyses the tests compare with it).

/// The bytes and lines owned by a `NormalizedText`.
final class OwnedText {
    let bytes: UnsafeMutablePointer<UInt8>
    let lines: UnsafeMutablePointer<NormalizedText.Line>

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ lines: UnsafeBufferPointer<NormalizedText.Line>) {
        self.bytes = .allocate(capacity: max(bytes.count, 1))
        if let base = bytes.baseAddress { self.bytes.initialize(from: base, count: bytes.count) }
        self.lines = .allocate(capacity: max(lines.count, 1))
        if let base = lines.baseAddress { self.lines.initialize(from: base, count: lines.count) }
    }

    deinit {
        bytes.deallocate()
        lines.deallocate()
    }
}

/// The line summaries owned by a `DocumentAnalysis` (`LineInfo` is a plain value: nothing to
/// deinitialise).
final class OwnedLines {
    let pointer: UnsafeMutablePointer<DocumentAnalysis.LineInfo>

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
    }

    deinit { pointer.deallocate() }
}
