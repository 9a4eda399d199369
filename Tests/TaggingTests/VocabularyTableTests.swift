import Testing
@testable import Tagging

/// The vocabulary's slot table: ids are interning order through growth and freezing, every listed
/// word is found and unlisted ones are not, and `assignIDs` (both hashes' slots loaded in a pass of
/// their own) agrees with single lookups. Guards any change to the table's layout or probing.
@Suite struct VocabularyTableTests {
    /// Distinct words, some sharing prefixes and case variants (exact and lower-cased lookups).
    static func words(_ n: Int, salt: String) -> [String] {
        (0..<n).map { i in
            let w = "\(salt)\(i * 7919 % 100_003)x\(i)"
            return i % 3 == 0 ? w.capitalized : w
        }
    }

    /// Ids are dense in interning order through growth, duplicates keep their id, frozen lookups
    /// find every word and no unlisted one.
    @Test func idsSurviveGrowthAndFreeze() {
        var vocab = ByteVocabulary()
        let listed = Self.words(20_000, salt: "g")
        for (i, w) in listed.enumerated() { #expect(vocab.intern(w) == Int32(i)) }
        for (i, w) in listed.enumerated() where i % 97 == 0 { #expect(vocab.intern(w) == Int32(i)) }
        #expect(vocab.count == listed.count)
        vocab.freeze()
        for (i, w) in listed.enumerated() { #expect(vocab.find(w) == Int32(i)) }
        for w in Self.words(20_000, salt: "n") { #expect(vocab.find(w) == nil) }
    }

    /// `assignIDs` gives each token the ids of its lower-cased and written forms, in a table near
    /// its fullest load (700 words in 1024 slots: long probe runs).
    @Test func assignedIDsMatchFind() {
        var vocab = ByteVocabulary()
        for w in Self.words(700, salt: "a") + ["de", "De", "minister", "Amsterdam", "amsterdam", "économie"] {
            vocab.intern(w)
        }
        let text = (Self.words(700, salt: "a") + ["De minister sprak in Amsterdam over de Économie en", "Onbekend"])
            .joined(separator: " ")
        let doc = Tokenizer.tokenize(text, vocabulary: vocab)
        var cased = 0
        for t in doc.tokens {
            let exact = Array(doc.bytes[t.start..<t.end])
            let lower = CaseFolding.lowercased(String(decoding: exact, as: UTF8.self))
            #expect(t.exactID == vocab.find(hash: ByteHash.hash(exact)) ?? -1)
            #expect(t.id == vocab.find(hash: ByteHash.hash(lower)) ?? -1)
            if t.exactHash != t.lowerHash { cased += 1 }
        }
        #expect(cased > 200)
    }

    /// Re-placing the table with some words first keeps every id, finds every listed word (also
    /// through `assignIDs`) and no unlisted one: the reach of each home slot covers its words.
    @Test func placementKeepsLookups() {
        var vocab = ByteVocabulary()
        let listed = Self.words(3_000, salt: "p")
        for w in listed { vocab.intern(w) }
        vocab.place(first: (0..<3_000).reversed().filter { $0 % 3 == 1 }.map { Int32($0) } + [-1, 5_000, 7])
        for (i, w) in listed.enumerated() { #expect(vocab.find(w) == Int32(i)) }
        for w in Self.words(3_000, salt: "q") { #expect(vocab.find(w) == nil) }
        // Interning after placement still finds the placed words and adds new ones.
        #expect(vocab.intern(listed[1]) == 1)
        #expect(vocab.intern("neu") == 3_000)
        vocab.freeze()
        let doc = Tokenizer.tokenize(listed.prefix(500).joined(separator: " ") + " onbekend", vocabulary: vocab)
        for t in doc.tokens {
            let exact = Array(doc.bytes[t.start..<t.end])
            #expect(t.exactID == vocab.find(hash: ByteHash.hash(exact)) ?? -1)
        }
        #expect(doc.tokens.filter { $0.exactID >= 0 }.count == 500)
    }
}

