import Foundation

/// Hashing and hash tables over UTF-8 bytes and integer keys. The tagger's hot loops look up every
/// token several times; Swift's `Set<String>` re-hashes with SipHash and `String` comparisons go through
/// Unicode normalisation, which cost ~40× the byte-level work here.
///
/// The byte hash reads 8 bytes at a time: the tokenizer hashes every token twice over, and a byte-at-a-time
/// hash (FNV-1a: one dependent multiply per byte) was the longest dependency chain in its loop. Definition:
/// the bytes as little-endian 64-bit chunks, the last one zero-padded (always absorbed, empty or not),
/// then the length mixed in by one multiply and a 32-bit fold. One chunk step and the finish are
/// bijections of the state, so strings of equal length up to 8 bytes never collide.
enum ByteHash {
    static let seed: UInt64 = 0x243F_6A88_85A3_08D3

    @inline(__always)
    static func absorb(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
        let x = (h ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 31)
    }

    /// Mixes in the length. One multiply, then the high half folded into the low: the state is already
    /// mixed by `absorb`, and the tables keyed by these hashes use both halves (`ByteVocabulary`: high
    /// 32 bits as tag, low bits as slot), which the fold decorrelates. (A full splitmix64 finaliser
    /// here was three dependent multiplies on every token's two hashes.)
    @inline(__always)
    static func finish(_ h: UInt64, _ count: Int) -> UInt64 {
        let z = (h ^ (UInt64(truncatingIfNeeded: count) &* 0x94D0_49BB_1331_11EB)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 32)
    }

    /// The low `count` bytes (0...7) of a chunk.
    @inline(__always)
    static func low(_ chunk: UInt64, _ count: Int) -> UInt64 { chunk & ((1 &<< UInt64(count &* 8)) &- 1) }

    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// Hash of `base[start..<end]`. `readable`: how many bytes from `base` may be read; a last chunk
    /// that fits is read with one load and masked (callers with slack after their bytes pass more
    /// than `end`), otherwise byte by byte.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, readable: Int) -> UInt64 {
        let count = end - start
        if count < 16, start + 16 <= readable {
            // Words are short: one or two chunks, hashed without a branch on the length (whether a word
            // passes 8 bytes is unpredictable). Below 8 bytes the second absorb is discarded.
            let (e0, e1, long) = shortChunks(base, start, count)
            let h1 = absorb(seed, e0)
            let h2 = absorb(h1, e1)
            return finish((h1 & ~long) | (h2 & long), count)
        }
        var h = seed
        var p = start
        while end - p >= 8 {
            h = absorb(h, load(base + p))
            p += 8
        }
        return finish(absorb(h, tail(base, p, end, readable: readable)), end - start)
    }

    /// The two chunks of a word shorter than 16 bytes, masked to its bytes (the second is zero below
    /// 8 bytes), and `long`: all ones when there is a second chunk. Two loads, no branch on the length.
    @inline(__always)
    static func shortChunks(_ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> (UInt64, UInt64, long: UInt64) {
        let long = Candidates.mask(count >= 8)
        let c0 = load(base + start)
        let c1 = load(base + start + 8)
        let n0 = count & ~Int(bitPattern: long) | 8 & Int(bitPattern: long)
        return (low(c0, n0 & 7) | (c0 & UInt64(long)), low(c1, (count - 8) & 7) & UInt64(long), UInt64(long))
    }

    /// The last `end - p` (< 8) bytes as one little-endian chunk: one masked load when 8 bytes are
    /// readable from `p`, else byte by byte.
    @inline(__always)
    static func tail(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int, readable: Int) -> UInt64 {
        let rest = end - p
        if p + 8 <= readable { return low(load(base + p), rest) }
        var tail: UInt64 = 0
        for k in 0..<rest { tail |= UInt64(base[p + k]) << UInt64(8 * k) }
        return tail
    }

    /// Hash of a word shorter than 16 bytes given its two chunks as loaded (bytes past the word
    /// included): what `hash` gives for those bytes, without loading them again.
    @inline(__always)
    static func hashShort(_ c0: UInt64, _ c1: UInt64, _ count: Int) -> UInt64 {
        let long = Candidates.mask(count >= 8)
        let n0 = count & ~Int(bitPattern: long) | 8 & Int(bitPattern: long)
        let e0 = low(c0, n0 & 7) | (c0 & UInt64(long))
        let e1 = low(c1, (count - 8) & 7) & UInt64(long)
        let h1 = absorb(seed, e0)
        let h2 = absorb(h1, e1)
        return finish((h1 & ~UInt64(long)) | (h2 & UInt64(long)), count)
    }

    /// ASCII upper-case letters of a chunk lower-cased (`AsciiBlock.lowercased`).
    @inline(__always)
    static func lowerASCII(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        let x = w & ~high
        let upper = (x &+ ones &* (0x80 - 0x41)) & ~(x &+ ones &* (0x7F - 0x5A)) & ~w & high
        return w | (upper >> 2)
    }

    /// Hashes of `base[start..<end]` as written and with ASCII letters lower-cased (what the tokenizer's
    /// ASCII path writes to the lower-cased text), from the same loads of the input. Reading the
    /// input rather than the just-written lower-cased copy avoids loads that straddle recent stores
    /// (which cannot be forwarded and stall).
    @inline(__always)
    static func hashASCIIWord(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, readable: Int) -> (exact: UInt64, lower: UInt64) {
        let count = end - start
        if count < 16, start + 16 <= readable {
            let (e0, e1, l) = shortChunks(base, start, count)
            let h1 = absorb(seed, e0), g1 = absorb(seed, lowerASCII(e0))
            let h2 = absorb(h1, e1), g2 = absorb(g1, lowerASCII(e1))
            return (finish((h1 & ~l) | (h2 & l), count), finish((g1 & ~l) | (g2 & l), count))
        }
        var h = seed, g = seed
        var p = start
        while end - p >= 8 {
            let c = load(base + p)
            h = absorb(h, c)
            g = absorb(g, lowerASCII(c))
            p += 8
        }
        let tail = tail(base, p, end, readable: readable)
        return (finish(absorb(h, tail), count), finish(absorb(g, lowerASCII(tail)), count))
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return finish(absorb(seed, 0), 0) }
        return hash(base, 0, bytes.count, readable: bytes.count)
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        Array(bytes).withUnsafeBufferPointer { hash($0) }
    }

    static func hash(_ s: String) -> UInt64 { hash(Array(s.utf8)) }
}

/// Open-addressing map from 64-bit keys to 32-bit values. Keys are mixed before probing, so callers
/// may pass byte hashes or packed integer pairs alike. Key, value and occupancy share one 16-byte slot:
/// the tries walked per token (gazetteer, topic stems, cue suffixes) are larger than the caches, and a
/// probe that touches one cache line instead of three is what a cold lookup costs.
struct IntMap: Sendable {
    struct Slot: Sendable {
        var key: UInt64
        var value: Int32
        var used: Bool
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, value: 0, used: false), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func mix(_ k: UInt64) -> Int {
        var x = k ^ (k >> 31)
        x = x &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: x ^ (x >> 29))
    }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { sl in
            var i = Self.mix(key) & mask
            while sl[i].used {
                if sl[i].key == key { return sl[i].value }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { get(key) != nil }

    /// Sets the value; returns the previous one.
    @discardableResult
    mutating func set(_ key: UInt64, _ value: Int32) -> Int32? {
        if (count + 1) * 2 > slots.count { grow() }
        var i = Self.mix(key) & mask
        while slots[i].used {
            if slots[i].key == key {
                let old = slots[i].value
                slots[i].value = value
                return old
            }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, value: value, used: true)
        count += 1
        return nil
    }

    /// Inserts the key if absent; returns true when it was new.
    @discardableResult
    mutating func insert(_ key: UInt64) -> Bool {
        if get(key) != nil { return false }
        set(key, 0)
        return true
    }

    /// A table holding the entries whose key passes `keep`, sized for them.
    func filtered(_ keep: (UInt64) -> Bool) -> IntMap {
        var out = IntMap(capacity: slots.reduce(0) { $0 + ($1.used && keep($1.key) ? 1 : 0) })
        for s in slots where s.used && keep(s.key) { out.set(s.key, s.value) }
        return out
    }

    var allocatedBytes: Int { slots.allocatedBytes }

    private mutating func grow() {
        let old = slots
        let size = slots.count * 2
        slots = [Slot](repeating: Slot(key: 0, value: 0, used: false), count: size)
        mask = size - 1
        count = 0
        for s in old where s.used { set(s.key, s.value) }
    }
}

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
            i = (i + 1) & mask
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
            while slots[i] != 0 { i = (i + 1) & mask }
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
    /// of every probe is loaded in a pass of its own first: those loads are independent, so their
    /// cache misses (the table is megabytes) overlap instead of stalling the tokenizer one by one.
    func assignIDs(_ tokens: UnsafeMutableBufferPointer<Token>, count: Int) {
        guard count > 0 else { return }
        slots.withUnsafeBufferPointer { sl in
            let m = mask
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count * 2) { first in
                for k in 0..<count {
                    first[2 * k] = sl[Int(truncatingIfNeeded: tokens[k].lowerHash) & m]
                    first[2 * k + 1] = sl[Int(truncatingIfNeeded: tokens[k].exactHash) & m]
                }
                for k in 0..<count {
                    let lh = tokens[k].lowerHash, eh = tokens[k].exactHash
                    let id = Self.probe(sl, m, lh, first[2 * k])
                    tokens[k].id = id
                    // Same bytes (no upper case): same word.
                    tokens[k].exactID = eh == lh ? id : Self.probe(sl, m, eh, first[2 * k + 1])
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
            if tag(s) == t { return Int32(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1 }
            i = (i + 1) & mask
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
                if Self.tag(sl[i]) == t { return Int32(truncatingIfNeeded: sl[i] & 0xFFFF_FFFF) - 1 }
                i = (i + 1) & mask
            }
            return -1
        }
    }
}

/// The storage both per-call tables (`HashSlots`, `HashKeys`) share: a power-of-two number of
/// slots, at least twice the most keys the caller can insert (they never grow), all-zero bytes
/// meaning empty, in a `Scratch` block when one is given.
enum OpenAddressing {
    static func emptySlots<Slot>(_ type: Slot.Type, maxKeys: Int, scratch: Scratch?, block: Scratch.Block)
        -> (base: UnsafeMutablePointer<Slot>, owned: Bool, shift: UInt64, mask: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < maxKeys * 2 { bits += 1 }
        let size = 1 << Int(bits)
        let base = scratch.map { $0.buffer(block, Slot.self, count: size) } ?? UnsafeMutablePointer<Slot>.allocate(capacity: size)
        // One memset: `initialize(repeating:)` compiled to a 16-byte store loop, ~8k instructions
        // per corpus article over the five per-article tables.
        memset(base, 0, size * MemoryLayout<Slot>.stride)
        return (base, scratch == nil, 64 - bits, size - 1)
    }

    /// Fibonacci hashing: the key's top bits after one multiply pick the home slot.
    @inline(__always)
    static func start(_ key: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }
}

/// Per-call open-addressing table from 64-bit hashes to Int32 values, sized once for the most keys
/// the caller can insert (it never grows) and freed when it goes out of scope. One 16-byte slot holds
/// key and value, so a probe is one cache line; key 0 marks an empty slot (a real key 0, a 2^-64
/// event for hash-based keys, is stored as `zeroKey` and so shares that key's slot).
struct HashSlots: ~Copyable {
    struct Slot {
        var key: UInt64
        var value: Int32
    }

    private let base: UnsafeMutablePointer<Slot>
    private let shift: UInt64
    private let mask: Int
    static let zeroKey: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Whether `base` is this table's own allocation (else it is a `Scratch` block).
    private let owned: Bool

    /// - Parameter scratch: when given, the slots live in its `block` (reused across articles)
    ///   instead of an allocation of their own.
    init(maxKeys: Int, scratch: Scratch? = nil, block: Scratch.Block = .documentWords) {
        (base, owned, shift, mask) = OpenAddressing.emptySlots(Slot.self, maxKeys: maxKeys, scratch: scratch, block: block)
    }

    deinit { if owned { base.deallocate() } }

    @inline(__always)
    private func start(_ key: UInt64) -> Int { OpenAddressing.start(key, shift) }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        let k = key == 0 ? Self.zeroKey : key
        var i = start(k)
        while true {
            let s = base[i]
            if s.key == k { return s.value }
            if s.key == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { get(key) != nil }

    /// The value stored for `key`, or stores `value` and returns nil. The caller keeps the number of
    /// distinct keys within `maxKeys`.
    @inline(__always)
    func getOrInsert(_ key: UInt64, _ value: Int32) -> Int32? {
        let k = key == 0 ? Self.zeroKey : key
        var i = start(k)
        while true {
            let s = base[i]
            if s.key == k { return s.value }
            if s.key == 0 {
                base[i] = Slot(key: k, value: value)
                return nil
            }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    func insert(_ key: UInt64) { _ = getOrInsert(key, 0) }

    /// The value stored for `key` (isNew false), or stores `value` and returns it (isNew true), with
    /// no branch on which: the probe stops at the key or at an empty slot, and the slot is written
    /// either way.
    @inline(__always)
    func upsert(_ key: UInt64, _ value: Int32) -> (value: Int32, isNew: Bool) {
        let k = key == 0 ? Self.zeroKey : key
        var i = start(k)
        while true {
            let sk = base[i].key
            if sk == k || sk == 0 { break }
            i = (i + 1) & mask
        }
        let isNew = base[i].key == 0
        let m = UInt32(truncatingIfNeeded: Candidates.mask(isNew))
        let v = Int32(bitPattern: (UInt32(bitPattern: value) & m) | (UInt32(bitPattern: base[i].value) & ~m))
        base[i] = Slot(key: k, value: v)
        return (v, isNew)
    }

    /// Inserts `key` (value 0) with no branch on whether it was present: the probe stops at the key
    /// or at an empty slot, and the key is stored there either way.
    @inline(__always)
    func insertBranchless(_ key: UInt64) {
        let k = key == 0 ? Self.zeroKey : key
        var i = start(k)
        while true {
            let sk = base[i].key
            if sk == k || sk == 0 { break }
            i = (i + 1) & mask
        }
        base[i].key = k
    }
}

/// Per-call open-addressing set of 64-bit keys: `HashSlots` without values, so a slot is 8 bytes
/// and the table half the size (the per-document word set is written once per token and cleared
/// per article; its 16-byte slots spent half the memory and the clearing on unused values). Key 0
/// marks an empty slot; a real key 0 is stored as `HashSlots.zeroKey`. Sized once for `maxKeys`.
struct HashKeys: ~Copyable {
    private let base: UnsafeMutablePointer<UInt64>
    private let shift: UInt64
    private let mask: Int
    /// Whether `base` is this set's own allocation (else it is a `Scratch` block).
    private let owned: Bool

    init(maxKeys: Int, scratch: Scratch? = nil, block: Scratch.Block = .documentWords) {
        (base, owned, shift, mask) = OpenAddressing.emptySlots(UInt64.self, maxKeys: maxKeys, scratch: scratch, block: block)
    }

    deinit { if owned { base.deallocate() } }

    @inline(__always)
    private func start(_ key: UInt64) -> Int { OpenAddressing.start(key, shift) }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        let k = key == 0 ? HashSlots.zeroKey : key
        var i = start(k)
        while true {
            let s = base[i]
            if s == k { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }

    /// Inserts `key` with no branch on whether it was present: the probe stops at the key or at an
    /// empty slot, and the key is stored there either way.
    @inline(__always)
    func insertBranchless(_ key: UInt64) {
        let k = key == 0 ? HashSlots.zeroKey : key
        var i = start(k)
        while true {
            let s = base[i]
            if s == k || s == 0 { break }
            i = (i + 1) & mask
        }
        base[i] = k
    }
}
