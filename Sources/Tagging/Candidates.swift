/// Token passes that act on few tokens (numbers, date words, capitalised words, quote marks) first
/// collect the indices of those tokens in a loop without a branch per token, then visit only them.
///
/// Why: on fresh text whether a token is a candidate is unpredictable, and a mispredicted branch
/// costs ~15-20 cycles; one per token per pass cost more than the passes' actual work. (A benchmark
/// that repeats one article hides this: the branch predictor learns the article.)
enum Candidates {
    /// Indices `k` in `0..<n` with `test(k)`, ascending. `test` should compute its answer without
    /// short-circuit branches (combine conditions with `Candidates.bit` and `&`, `|`).
    @inline(__always)
    static func collect(_ n: Int, _ test: (Int) -> Bool) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: n + 1) { buffer, count in
            guard let base = buffer.baseAddress else { count = 0; return }
            count = collect(0..<n, into: base, test)
        }
    }

    /// The indices of `indices` with `test`, in their order, written to `list` (room for one per
    /// index) without allocating; returns how many.
    @inline(__always)
    static func collect<S: Sequence<Int>>(_ indices: S, into list: UnsafeMutablePointer<Int32>, _ test: (Int) -> Bool) -> Int {
        var c = 0
        for k in indices {
            list[c] = Int32(truncatingIfNeeded: k)
            c &+= Int(bit(test(k)))
        }
        return c
    }

    /// Number tokens and tokens of any kind carrying one of `flags` in `lex`: where a date or a
    /// quantity can start, listed as `TokenFacts.dateStarts` and `quantityStarts` list them (any kind,
    /// so "a flagged word follows" is "the next listed token is the next token").
    @inline(__always)
    static func numbersAndFlagged(_ tokens: [Token], flagged flags: UInt32, in lex: LanguageLexicon) -> [Int32] {
        tokens.withUnsafeBufferPointer { tb in
            collect(tb.count) { k in bit(tb[k].kind == .number) | bit(lex.flags(tb[k]) & flags != 0) != 0 }
        }
    }

    /// 1 or 0, for combining conditions without `&&` / `||` or `?:` (which the compiler may turn
    /// into branches). A Bool is stored as the byte 0 or 1.
    @inline(__always)
    static func bit(_ b: Bool) -> UInt8 { unsafeBitCast(b, to: UInt8.self) }

    /// All ones when `b`, else zero: selects by masking instead of by branching.
    @inline(__always)
    static func mask(_ b: Bool) -> UInt { 0 &- UInt(bit(b)) }

    /// `b[i]` when `i` is in range, else `empty`, with no branch on which: the per-id tables are
    /// trimmed after their last non-empty entry, and whether a token's id falls past the end is as
    /// unpredictable as whether it is a listed word (a range-check branch mispredicted ~500 times per
    /// corpus article). The index is clamped to the last element, which `TaggerData.trimmed` makes an
    /// `empty` sentinel (untrimmed tables are only read in range, while compiling).
    @inline(__always)
    static func element<T>(_ b: UnsafeBufferPointer<T>, _ i: Int, or empty: T) -> T {
        guard let base = b.baseAddress, b.count > 0 else { return empty }
        return base[Int(bitPattern: min(UInt(bitPattern: i), UInt(b.count &- 1)))]
    }

    /// The first listed index ≥ `from`, advancing `cursor` through `list` (which is ascending);
    /// nil when none is left.
    @inline(__always)
    static func next(_ list: UnsafeBufferPointer<Int32>, _ cursor: inout Int, from: Int) -> Int? {
        while cursor < list.count {
            let k = Int(list[cursor])
            if k >= from { return k }
            cursor += 1
        }
        return nil
    }
}
