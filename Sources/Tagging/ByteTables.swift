/// Hashing and hash tables over UTF-8 bytes and integer keys. The tagger's hot loops look up every
/// token several times; Swift's `Set<String>` re-hashes with SipHash and `String` comparisons go through
/// Unicode normalisation, which cost ~40× the byte-level work here.
enum FNV {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* prime }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = offset
        for b in bytes { h = step(h, b) }
        return h
    }

    static func hash(_ s: String) -> UInt64 { hash(s.utf8) }
}

/// Open-addressing map from 64-bit keys to 32-bit values. Keys are mixed before probing, so callers
/// may pass FNV hashes or packed integer pairs alike.
struct IntMap: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var used: [Bool]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        used = [Bool](repeating: false, count: size)
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
        var i = Self.mix(key) & mask
        while used[i] {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { get(key) != nil }

    /// Sets the value; returns the previous one.
    @discardableResult
    mutating func set(_ key: UInt64, _ value: Int32) -> Int32? {
        if (count + 1) * 2 > keys.count { grow() }
        var i = Self.mix(key) & mask
        while used[i] {
            if keys[i] == key {
                let old = values[i]
                values[i] = value
                return old
            }
            i = (i + 1) & mask
        }
        used[i] = true
        keys[i] = key
        values[i] = value
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

    private mutating func grow() {
        let oldKeys = keys, oldValues = values, oldUsed = used
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        used = [Bool](repeating: false, count: size)
        mask = size - 1
        count = 0
        for i in oldKeys.indices where oldUsed[i] { set(oldKeys[i], oldValues[i]) }
    }
}

/// Interns byte strings into dense ids (0, 1, 2, …). The table is megabytes large and probed once per
/// token, so a slot is one 8-byte word: the upper 32 bits of the word's FNV hash and id + 1 (0 = empty).
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

    var count: Int { starts.count - 1 }

    func string(_ id: Int32) -> String {
        String(decoding: bytes[Int(starts[Int(id)])..<Int(starts[Int(id) + 1])], as: UTF8.self)
    }

    func entryBytes(_ id: Int32) -> ArraySlice<UInt8> { bytes[Int(starts[Int(id)])..<Int(starts[Int(id) + 1])] }

    @inline(__always)
    private static func tag(_ h: UInt64) -> UInt64 { h & 0xFFFF_FFFF_0000_0000 }

    @discardableResult
    mutating func intern(_ s: String) -> Int32 { intern(Array(s.utf8)) }

    mutating func intern(_ s: [UInt8]) -> Int32 {
        let h = FNV.hash(s)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            let id = Int32(truncatingIfNeeded: slots[i] & 0xFFFF_FFFF) - 1
            if Self.tag(slots[i]) == Self.tag(h), entryBytes(id).elementsEqual(s) { return id }
            i = (i + 1) & mask
        }
        let id = Int32(count)
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

    func find(_ s: String) -> Int32? { let a = Array(s.utf8); return find(hash: FNV.hash(a), a) }

    func find(hash h: UInt64, _ s: [UInt8]) -> Int32? {
        s.withUnsafeBufferPointer { find(hash: h, $0) }
    }

    /// The listed word with hash `h` (see the type's note on collisions); `s` is not compared, to
    /// keep the lookup at one memory access.
    @inline(__always)
    func find(hash h: UInt64, _ s: UnsafeBufferPointer<UInt8>) -> Int32? { find(hash: h) }

    @inline(__always)
    func find(hash h: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { sl in
            var i = Int(truncatingIfNeeded: h) & mask
            let t = Self.tag(h)
            while sl[i] != 0 {
                if Self.tag(sl[i]) == t { return Int32(truncatingIfNeeded: sl[i] & 0xFFFF_FFFF) - 1 }
                i = (i + 1) & mask
            }
            return nil
        }
    }
}

/// Per-call open-addressing table from 64-bit hashes to Int32 values, sized once for the most keys
/// the caller can insert (it never grows) and freed when it goes out of scope. One 16-byte slot holds
/// key and value, so a probe is one cache line; key 0 marks an empty slot (a real key 0, a 2^-64
/// event for FNV-based keys, is stored as `zeroKey` and so shares that key's slot).
struct HashSlots: ~Copyable {
    struct Slot {
        var key: UInt64
        var value: Int32
    }

    private let base: UnsafeMutablePointer<Slot>
    private let shift: UInt64
    private let mask: Int
    static let zeroKey: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(maxKeys: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < maxKeys * 2 { bits += 1 }
        let size = 1 << Int(bits)
        base = UnsafeMutablePointer<Slot>.allocate(capacity: size)
        base.initialize(repeating: Slot(key: 0, value: 0), count: size)
        shift = 64 - bits
        mask = size - 1
    }

    deinit { base.deallocate() }

    @inline(__always)
    private func start(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

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
}
