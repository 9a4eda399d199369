import Foundation
import Testing
@testable import Tagging

/// Pooled scratch memory must not change results: not when reused for articles of different sizes,
/// not when several threads tag at once.
@Suite struct ScratchTests {
    static func article() throws -> String { try fixture("seed-nl-poetin.txt") }

    /// Keyword extraction with a reused scratch instance equals extraction with fresh memory, for a
    /// long article followed by shorter ones (stale contents from the long one must not leak in).
    @Test func reusedScratchMatchesFreshMemory() throws {
        let tagger = try #require(sharedTagger)
        let text = try Self.article()
        let lex = tagger.data.lexicon("nl")
        let scratch = Scratch()
        for piece in [text + " " + text, text, String(text.prefix(400)), "", String(text.prefix(1500))] {
            let doc = Tokenizer.tokenize(piece, vocabulary: tagger.data.vocabulary)
            #expect(tagger.keywordExtractor.extract(doc, lex: lex, scratch: scratch) == tagger.keywordExtractor.extract(doc, lex: lex))
            let raw = tagger.entityRecognizer.recognize(doc, language: "nl", lex: lex, scratch: scratch)
            #expect(raw.count == tagger.entityRecognizer.recognize(doc, language: "nl", lex: lex).count)
            let pooled = tagger.group(raw, doc, scratch: scratch)
            let fresh = tagger.group(raw, doc)
            #expect(pooled.mentionEntity == fresh.mentionEntity)
            #expect(pooled.entities == fresh.entities)
            #expect(pooled.mentions == fresh.mentions && pooled.surfaceForms == fresh.surfaceForms)
        }
    }

    /// The document-word set, which leaves out non-words and sentence-initial words, answers like
    /// a scan of the tokens: a form seen in lower case, a capital form seen mid-sentence.
    @Test func documentWordsAnswerLikeATokenScan() throws {
        let tagger = try #require(sharedTagger)
        let text = "Minister Jansen zei: de minister komt. De Minister kwam, \"Jansen\" ging. Komt 3 x DE minister?"
        for piece in [text, try Self.article()] {
            let doc = Tokenizer.tokenize(piece, vocabulary: tagger.data.vocabulary)
            let scratch = Scratch()
            for _ in 0..<2 {
                let words = EntityRecognizer.DocumentWords(doc.tokens, scratch: scratch)
                for t in doc.tokens {
                    let lower = doc.tokens.contains { $0.kind == .word && !$0.isCapitalized && $0.exactHash == t.lowerHash }
                    let mid = doc.tokens.contains {
                        $0.kind == .word && $0.isCapitalized && !$0.sentenceStart && $0.exactHash == t.exactHash
                    }
                    #expect(words.lowerSeen(t) == lower)
                    #expect(words.capitalMid(t.exactHash) == mid)
                }
            }
        }
    }

    /// With a lexicon, the set leaves stopwords out of its lower-case side (no rule asks about them)
    /// and answers like a scan for every other token.
    @Test func documentWordsWithLexiconAnswerLikeATokenScanButForStopwords() throws {
        let tagger = try #require(sharedTagger)
        let lex = tagger.data.lexicon("nl")
        let text = "De minister zei: de Minister komt. Het huis van Jansen, \"Jansen\" ging. Dat is DE minister, het is de Huis?"
        for piece in [text, try Self.article()] {
            let doc = Tokenizer.tokenize(piece, vocabulary: tagger.data.vocabulary)
            let scratch = Scratch()
            for _ in 0..<2 {
                let words = EntityRecognizer.DocumentWords(doc.tokens, lex: lex, scratch: scratch)
                for t in doc.tokens {
                    let mid = doc.tokens.contains {
                        $0.kind == .word && $0.isCapitalized && !$0.sentenceStart && $0.exactHash == t.exactHash
                    }
                    #expect(words.capitalMid(t.exactHash) == mid)
                    guard !lex.has(t, LanguageLexicon.stopword) else { continue }
                    let lower = doc.tokens.contains { $0.kind == .word && !$0.isCapitalized && $0.exactHash == t.lowerHash }
                    #expect(words.lowerSeen(t) == lower)
                }
            }
        }
    }

    @Test func scratchBlocksGrowAndTrim() {
        let scratch = Scratch()
        let small = scratch.buffer(.keywordStats, UInt64.self, count: 16)
        small.initialize(repeating: 7, count: 16)
        let again = scratch.buffer(.keywordStats, UInt64.self, count: 8)
        #expect(again == small)
        let big = scratch.buffer(.keywordStats, UInt8.self, count: Scratch.keptBytes * 2)
        big[Scratch.keptBytes * 2 - 1] = 1
        scratch.trim()
        let fresh = scratch.buffer(.keywordStats, UInt8.self, count: 4)
        fresh[3] = 2
        #expect(fresh[3] == 2)
    }

    /// A stamped table in a reused block starts empty: the same keys inserted by earlier uses (of
    /// other sizes, after the block grew, and across the stamps' wrap) read as absent.
    @Test func stampedTablesStartEmptyAcrossUses() {
        let scratch = Scratch()
        for (round, maxKeys) in [300, 40, 1000, 40, 200].enumerated() {
            if round == 3 { scratch.stamps[Scratch.Block.keywordIndex.rawValue] = UInt32.max - 1 }
            let table = HashSlots(maxKeys: maxKeys, scratch: scratch, block: .keywordIndex)
            var stale = 0, wrong = 0
            for k in 0..<maxKeys {
                let key = UInt64(k) &* 0x9E37_79B9_7F4A_7C15
                if table.contains(key) { stale += 1 }
                _ = table.getOrInsert(key, Int32(k + round))
                if table.get(key) != Int32(k + round) { wrong += 1 }
            }
            #expect(stale == 0, "round \(round)")
            #expect(wrong == 0, "round \(round)")
        }
        #expect(scratch.stamps[Scratch.Block.keywordIndex.rawValue] == 1)
    }

    /// Concurrent callers each get their own scratch instance: results equal the sequential ones.
    @Test func concurrentTaggingMatchesSequential() async throws {
        let tagger = try #require(sharedTagger)
        let text = try Self.article()
        let texts = (0..<16).map { k in String(text.prefix(300 + 250 * k)) }
        let expected = texts.map { tagger.tag(text: $0, language: "nl", publishedAt: "2022-10-15") }
        let results = await withTaskGroup(of: (Int, TaggingResult).self) { group in
            for (k, t) in texts.enumerated() {
                group.addTask { (k, tagger.tag(text: t, language: "nl", publishedAt: "2022-10-15")) }
            }
            var out = [TaggingResult?](repeating: nil, count: texts.count)
            for await (k, r) in group { out[k] = r }
            return out
        }
        for k in texts.indices {
            #expect(results[k] == expected[k])
        }
    }
}
