/// Open-addressing map from token hash to what the data knows about the token: which
/// stoplists hold it and which patterns start with it. One probe sequence per token is the whole
/// per-word cost of the stopword and pattern signals, so this avoids `Dictionary`'s overhead.
struct TokenTable: Sendable {
    struct Entry: Sendable {
        var stopwordMask: UInt32 = 0
        var patternStart: Int32 = 0
        var patternCount: Int32 = 0
    }

    private var keys: [UInt64]
    private var entries: [Entry]
    private let mask: Int

    init(_ source: [UInt64: Entry]) {
        var size = 16
        while size < source.count * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        entries = Array(repeating: Entry(), count: size)
        mask = size - 1
        for (key, entry) in source {
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            entries[slot] = entry
        }
    }

    /// Token hashes are never 0 (see `LineAnalyzer.finish`), so 0 marks an empty slot.
    @inline(__always)
    func lookup(_ key: UInt64) -> Entry? {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = keys[slot]
            if k == key { return entries[slot] }
            if k == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}
