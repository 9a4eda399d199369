/// Part of `EntityRecognizer` (EntityRecognizer.swift): per-document coreference of short names.
extension EntityRecognizer {
    /// Gives a lone surname or first name the type and canonical name of the full name it abbreviates.
    /// In place: a full name has two tokens or more and only one-token mentions change, so the full
    /// names read stay as they were (a copy of the mentions cost an allocation and a copy per article).
    func resolveCoreference(_ mentions: inout [RawMention], _ doc: TokenizedText, scratch: Scratch? = nil) {
        let tokens = doc.tokens
        let fullByPart = HashSlots(maxKeys: mentions.count, scratch: scratch, block: .coreference)
        mentions.withUnsafeMutableBufferPointer { ms in
            tokens.withUnsafeBufferPointer { tb in
                for idx in 0..<ms.count where ms[idx].type == .person && ms[idx].end - ms[idx].start >= 2 {
                    _ = fullByPart.getOrInsert(tb[ms[idx].end - 1].exactHash, Int32(idx))
                }
                for idx in 0..<ms.count where ms[idx].end - ms[idx].start == 1 && ms[idx].evidence < 0.9 {
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
