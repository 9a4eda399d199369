/// A one-permutation MinHash sketch (Li, Owen & Zhang 2012) with optimal densification
/// (Shrivastava 2017): each shingle hash is dropped into one of `size` buckets by its top bits
/// and each bucket keeps its minimum. One hash per shingle instead of one per shingle per
/// permutation is what makes fingerprinting a 4 KB article take microseconds, with the same
/// estimator: the fraction of equal buckets estimates the Jaccard similarity of the shingle sets.
///
/// Buckets keep the low 16 bits of their minimum (b-bit MinHash, Li & König 2010): chance
/// agreement adds 2⁻¹⁶ to the estimate, far below the sampling error, and halves or quarters the
/// state compared with 32- or 64-bit values.
public struct MinHashSignature: Sendable, Equatable {
    /// Buckets per signature; part of the changelog encoding.
    public static let size = 128
    static let bucketShift: UInt64 = 57 // 64 - log2(size)
    static let valueMask: UInt64 = (1 << 57) - 1

    public let values: [UInt16]

    public init?(values: [UInt16]) {
        guard values.count == Self.size else { return nil }
        self.values = values
    }

    init(unchecked values: [UInt16]) {
        self.values = values
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    public func jaccard(_ other: MinHashSignature) -> Double {
        Double(Self.equalCount(values, other.values)) / Double(Self.size)
    }

    static func equalCount(_ a: [UInt16], _ b: [UInt16]) -> Int {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in equalCount(pa, pb) }
        }
    }

    /// Jaccard estimate from the number of buckets whose low bytes agree (the index keeps only
    /// those). Unrelated buckets agree by chance 1 time in 256, so the agreement rate is
    /// J + (1 − J)/256 and J = (m/128 − 1/256) / (1 − 1/256) = (2m − 1)/255, at least 0.
    /// Without the correction a pair at the 0.8 threshold would score 0.0008 high; the chance
    /// agreements add a variance of about 1/256 of the 128-bucket sampling variance.
    static func jaccard(equalLowBytes m: Int) -> Double {
        max(0, Double(2 * m - 1) / 255)
    }

    /// The index's stored low bytes, 16 buckets per compare: verifying a check's candidates
    /// bucket by bucket was ~10 k instructions per 4 KB article in the chain. The agreements are
    /// counted per lane and summed once (up to 255 steps, so a lane cannot overflow): summing
    /// each step's 16 lanes compiled to a bit count in 26 instructions per 16 buckets, ~2 k per
    /// article.
    @inline(__always)
    static func equalCount(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        guard let pa = UnsafeRawPointer(a.baseAddress), let pb = UnsafeRawPointer(b.baseAddress) else { return 0 }
        var equal = 0
        var i = 0
        while n &- i >= 16 {
            var lanes = SIMD16<UInt8>(repeating: 0)
            var steps = 0
            while n &- i >= 16, steps < 255 {
                let same = pa.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                    .== pb.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                lanes &+= SIMD16<UInt8>(repeating: 0).replacing(with: 1, where: same)
                i &+= 16
                steps &+= 1
            }
            equal &+= laneSum(lanes)
        }
        while i < n {
            if a[i] == b[i] { equal &+= 1 }
            i &+= 1
        }
        return equal
    }

    /// The sum of 16 byte lanes, in two words: the generic widening and `wrappedSum` were calls
    /// into the standard library, not specialised.
    @inline(__always)
    static func laneSum(_ lanes: SIMD16<UInt8>) -> Int {
        withUnsafeBytes(of: lanes) { bytes in
            wordLaneSum(bytes.load(fromByteOffset: 0, as: UInt64.self)) &+ wordLaneSum(bytes.load(fromByteOffset: 8, as: UInt64.self))
        }
    }

    /// The sum of a word's eight bytes: byte pairs into four 16-bit lanes (each at most 510), then
    /// their sum (at most 2040) in the top lane of the product.
    @inline(__always)
    static func wordLaneSum(_ word: UInt64) -> Int {
        let pairs = (word & 0x00FF_00FF_00FF_00FF) &+ ((word &>> 8) & 0x00FF_00FF_00FF_00FF)
        return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) &>> 48)
    }

    @inline(__always)
    static func equalCount<Value: FixedWidthInteger>(_ a: UnsafeBufferPointer<Value>, _ b: UnsafeBufferPointer<Value>) -> Int {
        var equal = 0
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] == b[i] { equal += 1 }
        return equal
    }
}

extension MinHashSignature {
    /// The sketch from per-bucket minima (`UInt64.max` = empty bucket). Empty buckets borrow the
    /// value of a filled bucket chosen by a hash of (bucket, attempt), the same choice in every
    /// document, which keeps the estimator unbiased for short texts. Needs at least one filled bucket.
    static func densified(minima: UnsafeBufferPointer<UInt64>) -> MinHashSignature {
        let mask = UInt64(size - 1)
        let values = [UInt16](unsafeUninitializedCapacity: size) { out, initialized in
            // A 4 KB article leaves one or two of 128 buckets empty: a plain pass for all, then the
            // rare empty ones. A filled bucket's minimum is below 2⁵⁷ (`valueMask`), so the top bit
            // of all minima or'd together says whether any bucket is empty (a short-circuit test
            // per bucket cost 16 instructions a bucket, 2.1 k per article).
            var bits: UInt64 = 0
            for bucket in 0..<size {
                let value = minima[bucket]
                out[bucket] = UInt16(truncatingIfNeeded: value)
                bits |= value
            }
            initialized = size
            guard bits > valueMask else { return }
            // Four buckets a test (one by one this pass was ~760 instructions per article).
            for group in stride(from: 0, to: size, by: 4) {
                guard minima[group] | minima[group &+ 1] | minima[group &+ 2] | minima[group &+ 3] > valueMask else { continue }
                for bucket in group..<group &+ 4 where minima[bucket] == .max {
                    var value = UInt64.max
                    var attempt: UInt64 = 1
                    while value == .max {
                        if attempt > 4096 {
                            // Only reachable with almost every bucket empty; a scan is then cheap and sure.
                            value = minima.first { $0 != .max } ?? 0
                            break
                        }
                        value = minima[Int(StableHash.mix(UInt64(bucket) << 32 | attempt) & mask)]
                        attempt += 1
                    }
                    out[bucket] = UInt16(truncatingIfNeeded: value)
                }
            }
        }
        return MinHashSignature(unchecked: values)
    }
}
