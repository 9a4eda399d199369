/// Part of `EntityRecognizer` (EntityRecognizer.swift): per-document coreference of short names.
extension EntityRecognizer {
    /// Gives a lone surname or first name the type and canonical name of the full name it abbreviates.
    /// In place: a full name has two tokens or more and only one-token mentions change, so the full
    /// names read stay as they were (a copy of the mentions cost an allocation and a copy per article).
    func resolveCoreference(_ mentions: inout [RawMention], _ doc: TokenizedText, scratch: Scratch? = nil) {
        let tokens = doc.tokens
        let fullByPart = HashSlots(maxKeys: mentions.count, scratch: scratch, block: .coreference)
        // The full names and the short mentions are listed first, without a branch per mention
        // (whether a mention is a person, and how long, is as unpredictable as the text: the two
        // filtered loops mispredicted ~50 times per corpus article), then visited in order.
        mentions.withUnsafeMutableBufferPointer { ms in
            tokens.withUnsafeBufferPointer { tb in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: ms.count + 1) { listBuffer in
                    guard let list = listBuffer.baseAddress else { return }
                    var listed = Candidates.collect(0..<ms.count, into: list) { idx in
                        Candidates.bit(ms[idx].type == .person) & Candidates.bit(ms[idx].end - ms[idx].start >= 2) != 0
                    }
                    for l in 0..<listed {
                        let idx = Int(list[l])
                        _ = fullByPart.getOrInsert(tb[ms[idx].end - 1].exactHash, Int32(idx))
                    }
                    listed = Candidates.collect(0..<ms.count, into: list) { idx in
                        Candidates.bit(ms[idx].end - ms[idx].start == 1) & Candidates.bit(ms[idx].evidence < 0.9) != 0
                    }
                    for l in 0..<listed {
                        let idx = Int(list[l])
                        guard let full = fullByPart.get(tb[ms[idx].start].exactHash) else { continue }
                        let f = ms[Int(full)]
                        ms[idx].type = .person
                        if f.hasCanonical {
                            ms[idx].canonical = f.canonical
                            ms[idx].canonicalStart = f.canonicalStart
                            ms[idx].canonicalEnd = f.canonicalEnd
                            ms[idx].canonicalHash = f.canonicalHash
                        } else {
                            ms[idx].canonical = RawMention.Canonical.span
                            ms[idx].canonicalStart = Int32(truncatingIfNeeded: f.start)
                            ms[idx].canonicalEnd = Int32(truncatingIfNeeded: f.end)
                            ms[idx].canonicalHash = doc.joinHash(f.start, f.end)
                        }
                        ms[idx].evidence = max(ms[idx].evidence, 0.8)
                    }
                }
            }
        }
    }
}
