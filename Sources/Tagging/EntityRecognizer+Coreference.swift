/// Part of `EntityRecognizer` (EntityRecognizer.swift): per-document coreference of short names.
extension EntityRecognizer {
    /// Gives a lone surname or first name the type and canonical name of the full name it abbreviates.
    func resolveCoreference(_ mentions: [RawMention], _ doc: TokenizedText, scratch: Scratch? = nil) -> [RawMention] {
        let tokens = doc.tokens
        let fullByPart = HashSlots(maxKeys: mentions.count, scratch: scratch, block: .coreference)
        for (idx, m) in mentions.enumerated() where m.type == .person && m.end - m.start >= 2 {
            _ = fullByPart.getOrInsert(tokens[m.end - 1].exactHash, Int32(idx))
        }
        var out = mentions
        for (idx, m) in mentions.enumerated() where m.end - m.start == 1 && m.evidence < 0.9 {
            if let full = fullByPart.get(tokens[m.start].exactHash) {
                out[idx].type = .person
                let f = mentions[Int(full)]
                if f.hasCanonical {
                    out[idx].canonical = f.canonical
                    out[idx].canonicalStart = f.canonicalStart
                    out[idx].canonicalEnd = f.canonicalEnd
                    out[idx].canonicalHash = f.canonicalHash
                } else {
                    out[idx].canonical = RawMention.Canonical.span
                    out[idx].canonicalStart = Int32(truncatingIfNeeded: f.start)
                    out[idx].canonicalEnd = Int32(truncatingIfNeeded: f.end)
                    out[idx].canonicalHash = doc.joinHash(f.start, f.end)
                }
                out[idx].evidence = max(m.evidence, 0.8)
            }
        }
        return out
    }
}
