import Foundation

/// Interns byte strings into dense ids (0, 1, 2, …). The table is megabytes large and probed once per
/// token, so a slot is one 8-byte word: the upper 32 bits of the word's byte hash, the slot's reach
/// (below) and id + 1 (0 = empty). The slot index uses the low hash bits, so a lookup matches on ~52
/// hash bits without touching the word's bytes. Interning compares bytes, so two distinct listed words
/// never share an id; a token is taken to be the listed word whose hash bits it shares (a false match
/// needs a ~2^-52 collision with an unlisted word, and would only mislabel that token).
///
/// Reach: a slot's middle bits hold how many slots from it hold the words whose home it is (the
/// farthest one's distance + 1; 0: none). A lookup checks only those, so an unlisted token (one in
/// six) stops at once when no word has its home there (half the slots at the table's load) and
/// otherwise after the words sharing its home, instead of walking the whole run of full slots to an
/// empty one: at a load of 0.68 such runs are long, and a number or a name missed after 20-70 checks.
///
/// Placement (`place(first:)`): the commonest words are inserted first, so they sit in their home
/// slot and are found with one check. The comma, the commonest token, had been interned with the
/// gazetteer's aliases and sat 12 slots past its home.
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

    /// Slot layout below the tag: id + 1 in the low `idBits`, the reach in the next `reachBits`.
    private static let idBits: UInt64 = 21
    private static let idField: UInt64 = (1 << idBits) - 1
    private static let reachField: UInt64 = 0x7FF << idBits
    /// The largest reach a slot holds; a table that would need more grows (never at a sane load).
    private static let maxReach = 0x7FF
    /// Words past this many are kept (ids, bytes) but not entered in the slots: lookups miss them.
    static let maxSlotted = Int(idField) - 1

    @inline(__always)
    private static func id(_ s: UInt64) -> Int32 { Int32(truncatingIfNeeded: s & idField) &- 1 }

    @inline(__always)
    private static func reach(_ s: UInt64) -> Int { Int(truncatingIfNeeded: (s & reachField) &>> idBits) }

    @discardableResult
    mutating func intern(_ s: String) -> Int32 { intern(Array(s.utf8)) }

    mutating func intern(_ s: [UInt8]) -> Int32 {
        let h = ByteHash.hash(s)
        guard !isFrozen else { return findID(hash: h) }
        // Bytes are compared along the whole run (words past `maxSlotted` are not in it: checked below).
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] & Self.idField != 0 {
            let id = Self.id(slots[i])
            if Self.tag(slots[i]) == Self.tag(h), entryBytes(id).elementsEqual(s) { return id }
            i = (i &+ 1) & mask
        }
        if count > Self.maxSlotted, let id = unslottedID(s) { return id }
        let id = Int32(count)
        count += 1
        bytes.append(contentsOf: s)
        starts.append(Int32(bytes.count))
        hashes.append(h)
        let m = mask
        if count * 10 > slots.count * 7 || !slots.withUnsafeMutableBufferPointer({ Self.insert($0, m, h, id) }) {
            rebuild(size: slots.count * 2, first: [])
        }
        return id
    }

    /// The id of `s` among the words past `maxSlotted` (compared byte by byte: never reached by a sane vocabulary).
    private func unslottedID(_ s: [UInt8]) -> Int32? {
        for id in (Self.maxSlotted + 1)..<count where entryBytes(Int32(id)).elementsEqual(s) { return Int32(id) }
        return nil
    }

    /// Enters word `id` (hash `h`) in the first free slot of `sl` (mask `m`) from its home and widens
    /// the home's reach. False when the reach would pass `maxReach` (the slot is then left as it was).
    @inline(__always)
    private static func insert(_ sl: UnsafeMutableBufferPointer<UInt64>, _ m: Int, _ h: UInt64, _ id: Int32) -> Bool {
        guard Int(id) <= maxSlotted else { return true }
        let home = Int(truncatingIfNeeded: h) & m
        var i = home
        while sl[i] & idField != 0 { i = (i &+ 1) & m }
        let reach = ((i &- home) & m) &+ 1
        guard reach <= maxReach else { return false }
        sl[i] = (sl[i] & reachField) | tag(h) | UInt64(UInt32(id + 1))
        if reach > Self.reach(sl[home]) {
            sl[home] = (sl[home] & ~reachField) | (UInt64(reach) &<< idBits)
        }
        return true
    }

    /// A table of `size` slots (or larger, should a reach pass `maxReach`) with the words `first`
    /// entered first, in that order, then the others by id. (Through buffer pointers: with the
    /// array's checks on every access, the load's rebuilds cost ~0.1 G instructions more.)
    private mutating func rebuild(size: Int, first: [Int32]) {
        var size = size
        let n = count
        while true {
            var table = [UInt64](repeating: 0, count: size)
            let m = size - 1
            let fits = table.withUnsafeMutableBufferPointer { sl in
                hashes.withUnsafeBufferPointer { hs in
                    var placed = [Bool](repeating: false, count: n)
                    return placed.withUnsafeMutableBufferPointer { done in
                        var fits = true
                        for id in first where id >= 0 && Int(id) < n && !done[Int(id)] {
                            done[Int(id)] = true
                            fits = fits && Self.insert(sl, m, hs[Int(id)], id)
                        }
                        for id in 0..<n where !done[id] { fits = fits && Self.insert(sl, m, hs[id], Int32(id)) }
                        return fits
                    }
                }
            }
            if fits {
                slots = table
                mask = m
                return
            }
            size *= 2
        }
    }

    /// Re-enters every word with `ids` first, in that order (the commonest words: each then sits in
    /// its home slot and is found with one check). Ids stay; lookups find the same words.
    mutating func place(first ids: [Int32]) {
        guard !isFrozen else { return }
        rebuild(size: slots.count, first: ids)
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
        guard count > 0, let base = tokens.baseAddress else { return }
        slots.withUnsafeBufferPointer { sl in
            let m = mask
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { first in
                guard let firstBase = first.baseAddress else { return }
                for k in 0..<count {
                    first[k] = sl[Int(truncatingIfNeeded: base[k].lowerHash) & m]
                }
                // Walked by pointers (the indexed loop recomputed each token's address).
                var t = base, home = UnsafePointer(firstBase)
                let end = base + count
                while t < end {
                    let lh = t.pointee.lowerHash, eh = t.pointee.exactHash
                    let id = Self.probe(sl, m, lh, home.pointee)
                    t.pointee.id = id
                    // Same bytes (no upper case): same word.
                    t.pointee.exactID = eh == lh ? id : Self.probe(sl, m, eh, sl[Int(truncatingIfNeeded: eh) & m])
                    t += 1
                    home += 1
                }
            }
        }
    }

    /// `findID` given the home slot's content, already loaded: the words of its reach are checked.
    @inline(__always)
    private static func probe(_ sl: UnsafeBufferPointer<UInt64>, _ mask: Int, _ h: UInt64, _ home: UInt64) -> Int32 {
        let t = tag(h)
        var left = reach(home)
        guard left > 0 else { return -1 }
        var i = Int(truncatingIfNeeded: h) & mask
        var s = home
        while true {
            if tag(s) == t { return id(s) }
            left &-= 1
            if left == 0 { return -1 }
            i = (i &+ 1) & mask
            s = sl[i]
        }
    }

    /// The id of the listed word with hash `h`, or -1.
    @inline(__always)
    func findID(hash h: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { sl in
            let i = Int(truncatingIfNeeded: h) & mask
            return Self.probe(sl, mask, h, sl[i])
        }
    }
}

/// Kept in an extension: an initialiser in the type would hide the empty `ByteVocabulary()`.
extension ByteVocabulary {
    /// Every field as it is (`TaggerDataCache`): a frozen vocabulary is its slot table alone.
    func archive(into w: inout ArchiveWriter) {
        w.array(bytes)
        w.array(starts)
        w.array(hashes)
        w.array(slots)
        w.int(count)
        w.bool(isFrozen)
    }

    /// Checks what lookups and `entryBytes` rely on: a power-of-two slot table, and word bounds
    /// inside the bytes when the words were kept.
    init(from r: inout ArchiveReader) throws(DataArchiveError) {
        bytes = try r.array(UInt8.self)
        starts = try r.array(Int32.self)
        hashes = try r.array(UInt64.self)
        slots = try r.array(UInt64.self)
        count = try r.count()
        isFrozen = try r.bool()
        mask = slots.count - 1
        let wordsKept = !isFrozen && starts.count == count + 1 && hashes.count == count
            && starts.first == 0 && zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 } && Int(starts.last ?? 0) == bytes.count
        guard slots.count >= 2, slots.count & mask == 0, isFrozen ? bytes.isEmpty && starts.isEmpty : wordsKept else {
            throw DataArchiveError(.corrupt, "vocabulary of \(count) words, \(slots.count) slots, frozen \(isFrozen)")
        }
    }
}
