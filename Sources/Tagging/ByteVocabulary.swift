import Foundation

/// Interns byte strings into dense ids (0, 1, 2, …). The table is megabytes large and probed once per
/// token, so a slot is one 8-byte word: the upper 32 bits of the word's byte hash and id + 1 (0 = empty).
/// The slot index uses the low hash bits, so a lookup matches on ~52 hash bits without touching the
/// word's bytes. Interning compares bytes, so two distinct listed words never share an id; a token is
/// taken to be the listed word whose hash bits it shares (a false match needs a ~2^-52 collision
/// with an unlisted word, and would only mislabel that token).
struct ByteVocabulary: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var slots = [UInt64](repeating: 0, count: 1024)
    private var mask = 1023
    private(set) var count = 0
    /// After `freeze()` only the slots remain: lookups never read a word's bytes.
    private(set) var isFrozen = false

    var allocatedBytes: Int { bytes.allocatedBytes + starts.allocatedBytes + hashes.allocatedBytes + slots.allocatedBytes }

    /// Done interning: drops the words' bytes and hashes (only interning reads them; lookups match
    /// on hash bits), leaving the slot table. `intern` then only finds words already there.
    mutating func freeze() {
        bytes = []
        starts = []
        hashes = []
        isFrozen = true
    }

    func string(_ id: Int32) -> String {
        String(decoding: bytes[Int(starts[Int(id)])..<Int(starts[Int(id) + 1])], as: UTF8.self)
    }

    func entryBytes(_ id: Int32) -> ArraySlice<UInt8> { bytes[Int(starts[Int(id)])..<Int(starts[Int(id) + 1])] }

    @inline(__always)
    private static func tag(_ h: UInt64) -> UInt64 { h & 0xFFFF_FFFF_0000_0000 }

    @discardableResult
    mutating func intern(_ s: String) -> Int32 { intern(Array(s.utf8)) }

    mutating func intern(_ s: [UInt8]) -> Int32 {
        let h = ByteHash.hash(s)
        guard !isFrozen else { return findID(hash: h) }
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            let id = Int32(truncatingIfNeeded: slots[i] & 0xFFFF_FFFF) - 1
            if Self.tag(slots[i]) == Self.tag(h), entryBytes(id).elementsEqual(s) { return id }
            i = (i &+ 1) & mask
        }
        let id = Int32(count)
        count += 1
        bytes.append(contentsOf: s)
        starts.append(Int32(bytes.count))
        hashes.append(h)
        slots[i] = Self.tag(h) | UInt64(UInt32(id + 1))
        if count * 10 > slots.count * 7 { grow() }
        return id
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (id, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i &+ 1) & mask }
            slots[i] = Self.tag(h) | UInt64(UInt32(id + 1))
        }
    }

    func find(_ s: String) -> Int32? { let a = Array(s.utf8); return find(hash: ByteHash.hash(a), a) }

    func find(hash h: UInt64, _ s: [UInt8]) -> Int32? {
        s.withUnsafeBufferPointer { find(hash: h, $0) }
    }

    /// The listed word with hash `h` (see the type's note on collisions); `s` is not compared, to
    /// keep the lookup at one memory access.
    @inline(__always)
    func find(hash h: UInt64, _ s: UnsafeBufferPointer<UInt8>) -> Int32? { find(hash: h) }

    @inline(__always)
    func find(hash h: UInt64) -> Int32? {
        let id = findID(hash: h)
        return id >= 0 ? id : nil
    }

    /// Sets `id` (lower-cased form) and `exactID` (as written) of `tokens[0..<count]`. The first slot
    /// of every lower-cased form's probe is loaded in a pass of its own first: those loads are
    /// independent, so their cache misses (the table is megabytes) overlap instead of stalling the
    /// tokenizer one by one. The form as written is a probe of its own only for the one token in
    /// six or so with upper case: its slot is loaded when needed, not for every token in advance.
    func assignIDs(_ tokens: UnsafeMutableBufferPointer<Token>, count: Int) {
        guard count > 0 else { return }
        slots.withUnsafeBufferPointer { sl in
            let m = mask
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { first in
                for k in 0..<count {
                    first[k] = sl[Int(truncatingIfNeeded: tokens[k].lowerHash) & m]
                }
                for k in 0..<count {
                    let lh = tokens[k].lowerHash, eh = tokens[k].exactHash
                    let id = Self.probe(sl, m, lh, first[k])
                    tokens[k].id = id
                    // Same bytes (no upper case): same word.
                    tokens[k].exactID = eh == lh ? id : Self.probe(sl, m, eh, sl[Int(truncatingIfNeeded: eh) & m])
                }
            }
        }
    }

    /// `findID` given the home slot's content, already loaded.
    @inline(__always)
    private static func probe(_ sl: UnsafeBufferPointer<UInt64>, _ mask: Int, _ h: UInt64, _ home: UInt64) -> Int32 {
        let t = tag(h)
        var i = Int(truncatingIfNeeded: h) & mask
        var s = home
        while s != 0 {
            if tag(s) == t { return Int32(truncatingIfNeeded: s & 0xFFFF_FFFF) &- 1 }
            i = (i &+ 1) & mask
            s = sl[i]
        }
        return -1
    }

    /// The id of the listed word with hash `h`, or -1.
    @inline(__always)
    func findID(hash h: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { sl in
            var i = Int(truncatingIfNeeded: h) & mask
            let t = Self.tag(h)
            while sl[i] != 0 {
                if Self.tag(sl[i]) == t { return Int32(truncatingIfNeeded: sl[i] & 0xFFFF_FFFF) &- 1 }
                i = (i &+ 1) & mask
            }
            return -1
        }
    }
}
