import Testing
@testable import Dedupe

/// The index keeps one byte per sketch bucket: its Jaccard estimate must stay unbiased (chance
/// agreements of 1 in 256 corrected) and as accurate as the 16-bit one, while changelog values
/// keep all 16 bits.
@Suite struct LowByteSketchTests {
    @Test func estimatorEndpoints() {
        #expect(MinHashSignature.jaccard(equalLowBytes: MinHashSignature.size) == 1)
        #expect(MinHashSignature.jaccard(equalLowBytes: 0) == 0)
        #expect(MinHashSignature.jaccard(equalLowBytes: 1) == 1.0 / 255)
        #expect(MinHashSignature.jaccard(equalLowBytes: 64) == 127.0 / 255)
    }

    /// Pairs of random sketches sharing exactly k buckets (the others drawn afresh): the corrected
    /// low-byte estimate averages k/128, where the raw agreement rate would sit 1/256 · (1 − k/128) high.
    @Test func correctedEstimateIsUnbiasedForChanceAgreements() {
        var generator = SplitMix(seed: 77)
        for shared in [0, 32, 102, 128] {
            var total = 0.0
            let pairs = 3000
            for _ in 0..<pairs {
                let a = (0..<MinHashSignature.size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                let b = a.indices.map { $0 < shared ? a[$0] : UInt8(truncatingIfNeeded: generator.next()) }
                let equal = a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { MinHashSignature.equalCount(pa, $0) } }
                total += MinHashSignature.jaccard(equalLowBytes: equal)
            }
            let expected = Double(shared) / Double(MinHashSignature.size)
            // Standard error of the mean here is below 0.0003; the uncorrected bias at k = 32 is 0.003.
            // At k = 0 the estimate is clamped at 0 (a negative Jaccard means nothing), which
            // leaves a bias of 0.0024 where no threshold is.
            if shared == 0 {
                #expect(total / Double(pairs) < 0.003)
            } else {
                #expect(abs(total / Double(pairs) - expected) < 0.0015, "k = \(shared)")
            }
        }
    }

    /// On real sketches the low-byte estimate tracks the exact shingle Jaccard as well as the
    /// 16-bit one does (same bounds as `SketchAccuracyTests`) and stays close to it.
    @Test func lowByteEstimateTracksExactJaccard() {
        let pairs = SketchAccuracyTests.sketchPairs()
        #expect(pairs.count == 60)
        var totalError = 0.0
        var worst = 0.0
        var worstGap = 0.0
        for (sa, sb, exact) in pairs {
            let lowA = sa.values.map { UInt8(truncatingIfNeeded: $0) }, lowB = sb.values.map { UInt8(truncatingIfNeeded: $0) }
            let equal = lowA.withUnsafeBufferPointer { pa in lowB.withUnsafeBufferPointer { MinHashSignature.equalCount(pa, $0) } }
            let estimate = MinHashSignature.jaccard(equalLowBytes: equal)
            totalError += abs(estimate - exact)
            worst = max(worst, abs(estimate - exact))
            worstGap = max(worstGap, abs(estimate - sa.jaccard(sb)))
        }
        #expect(totalError / Double(pairs.count) < 0.04)
        #expect(worst < 0.15)
        #expect(worstGap < 0.05)
    }

    /// `insert` returns the entry for the changelog with the whole sketch; the index holds and
    /// exports the low bytes, and a restore from that changelog value matches the same copies.
    @Test func changelogKeepsSixteenBitsWhileTheIndexKeepsLowBytes() throws {
        let index = DedupeIndex()
        let fingerprint = index.fingerprinter.fingerprint(id: "a", url: nil, text: IndexStateTests.story)
        let written = try #require(index.insert(fingerprint, firstSeenMilliseconds: 1))
        let sketch = try #require(fingerprint.signature)
        #expect(written.fingerprint.signature == sketch)
        #expect(try DedupeEntry(decoding: written.encoded()).fingerprint.signature == sketch)
        #expect(sketch.values.contains { $0 > 0xFF })
        let exported = try #require(index.entry(id: "a"))
        #expect(exported == heldByIndex(written))

        let restored = DedupeIndex()
        #expect(try restored.restore(encoded: written.encoded()))
        let copy = restored.fingerprinter.fingerprint(id: "b", url: nil, text: IndexStateTests.story + " A line more.")
        let verdict = restored.check(copy)
        #expect(verdict.status == .nearDuplicate && verdict.of == "a")
        #expect(verdict.similarity == index.check(copy).similarity)
    }
}

/// `entry` as the index holds it: each sketch bucket reduced to its low byte.
func heldByIndex(_ entry: DedupeEntry) -> DedupeEntry {
    var held = entry
    let fingerprint = entry.fingerprint
    held.fingerprint = ArticleFingerprint(
        id: fingerprint.id, urlKey: fingerprint.urlKey, textHash: fingerprint.textHash,
        signature: fingerprint.signature.flatMap { MinHashSignature(values: $0.values.map { $0 & 0xFF }) },
        shingleCount: fingerprint.shingleCount, tokenCount: fingerprint.tokenCount, scheme: fingerprint.scheme
    )
    return held
}
