@testable import Dedupe

/// A deliberately plain, byte-at-a-time statement of fingerprint algorithm version 3 (token
/// hash, text hash chains, shingle hash by its non-rolling definition, one-permutation MinHash
/// with densification), written independently of the library's code so tests can prove the
/// block scanner computes exactly this: persisted text hashes and sketches must not
/// change by accident.
struct ReferenceFingerprinter {
    let shingleSize: Int
    let minimumTokens: Int
    let table: FoldTable

    init(configuration: DedupeConfiguration = DedupeConfiguration()) {
        shingleSize = min(max(configuration.shingleSize, 1), 16)
        minimumTokens = max(configuration.minimumTokens, 1)
        table = FoldTable.shared(foldDiacritics: configuration.foldDiacritics)
    }

    struct Result: Equatable {
        var textHash: TextHash?
        var signature: [UInt16]?
        var shingleCount: Int
        var tokenCount: Int
    }

    func fingerprint(_ text: String) -> Result {
        var tokens: [UInt64] = []
        Self.scan(Array(text.utf8), table: table) { tokens.append($0) }
        var chainA: UInt64 = 0x5851_F42D_4C95_7F2D
        var chainB: UInt64 = 0x1405_7B7E_F767_814F
        var minima = [UInt64](repeating: .max, count: 128)
        var shingles = 0
        let rotation = UInt64(64 / shingleSize)
        func addShingle(_ window: ArraySlice<UInt64>) {
            // XOR over the window of rotl(token, distance from the newest token × rotation).
            var h: UInt64 = 0
            for (distance, token) in window.reversed().enumerated() { h ^= rotl(token, UInt64(distance) * rotation % 64) }
            let x = h &* 0xFF51_AFD7_ED55_8CCD
            let bucket = Int(x >> 57)
            minima[bucket] = min(minima[bucket], x & ((1 << 57) - 1))
            shingles += 1
        }
        for (n, token) in tokens.enumerated() {
            chainA = (chainA ^ token) &* 0x9E37_79B9_7F4A_7C15
            chainB = rotl(chainB, 23) &+ token
            if n + 1 >= shingleSize { addShingle(tokens[(n + 1 - shingleSize)...n]) }
        }
        if !tokens.isEmpty, tokens.count < shingleSize { addShingle(tokens[...]) }
        let count = UInt64(tokens.count)
        let textHash = tokens.isEmpty ? nil
            : TextHash(high: StableHash.mix(chainA ^ count), low: StableHash.mix(chainB ^ (count << 32)))
        var signature: [UInt16]?
        if tokens.count >= minimumTokens, shingles > 0 {
            signature = (0..<128).map { bucket in
                var value = minima[bucket]
                var attempt: UInt64 = 1
                while value == .max {
                    if attempt > 4096 { value = minima.first { $0 != .max } ?? 0; break }
                    value = minima[Int(StableHash.mix(UInt64(bucket) << 32 | attempt) & 127)]
                    attempt += 1
                }
                return UInt16(truncatingIfNeeded: value)
            }
        }
        return Result(textHash: textHash, signature: signature, shingleCount: shingles, tokenCount: tokens.count)
    }

    private func rotl(_ value: UInt64, _ count: UInt64) -> UInt64 { count == 0 ? value : value << count | value >> (64 - count) }

    /// The tokenizer, one byte or scalar at a time; token bytes packed eight to a word, first byte lowest.
    static func scan(_ bytes: [UInt8], table: FoldTable, emit: (UInt64) -> Void) {
        var tokenBytes: [UInt8] = []
        var inToken = false
        func append(_ scalar: UInt32) {
            inToken = true
            if scalar < 0x80 { tokenBytes.append(UInt8(scalar)); return }
            tokenBytes += [UInt8(0x80 | (scalar >> 14) & 0x7F), UInt8(0x80 | (scalar >> 7) & 0x7F), UInt8(0x80 | scalar & 0x7F)]
        }
        func end() {
            guard inToken else { return }
            // Groups 0 ..< (n - 1) / 8 folded; the last word is the last min(n, 8) bytes.
            let n = tokenBytes.count
            var state: UInt64 = 0
            for group in 0..<((n - 1) / 8) {
                var word: UInt64 = 0
                for k in 0..<8 { word |= UInt64(tokenBytes[group * 8 + k]) << (8 * UInt64(k)) }
                state = ((state << 29 | state >> 35) ^ word) &* 0x9E37_79B9_7F4A_7C15
            }
            var last: UInt64 = 0
            for (k, byte) in tokenBytes[max(n - 8, 0)...].enumerated() { last |= UInt64(byte) << (8 * UInt64(k)) }
            var x = (state ^ last ^ (UInt64(n) << 56)) &* 0xC2B2_AE3D_27D4_EB4F
            x ^= x >> 32
            emit(x)
            tokenBytes = []
            inToken = false
        }
        var i = 0
        while i < bytes.count {
            let scalar: UInt32
            if bytes[i] < 0x80 {
                scalar = UInt32(bytes[i])
                i += 1
            } else {
                let (value, length) = bytes.withUnsafeBufferPointer { TokenScanner.decode($0, at: i) }
                scalar = value
                i += length
            }
            let entry = table.entry(scalar)
            switch entry.kind {
            case .separator: end()
            case .ignore: break
            case .standalone:
                end()
                append(entry.first)
                end()
            case .letter:
                append(entry.first)
                if entry.second != 0 { append(entry.second) }
            }
        }
        end()
    }
}
