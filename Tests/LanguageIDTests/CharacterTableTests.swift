import Testing
@testable import LanguageID

/// The table fills some blocks without querying Unicode properties; they must match the query.
@Suite struct CharacterTableTests {
    @Test func uniformBlocksMatchUnicodeProperties() {
        let table = CharacterTable()
        var mismatches = 0
        for block in CharacterTable.uniformBlocks {
            for v in block.range where table.entry(v) != CharacterTable.compute(v) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// `WordScorer` folds runs of ASCII letters without the table, relying on this.
    @Test func asciiLettersAreLatinLowerCasedByBit5() {
        let table = CharacterTable()
        for b in UInt32(0)..<0x80 {
            let isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            let expected = isLetter ? UInt32(Script.latin.rawValue) << 24 | CharacterTable.letterBit | (b | 0x20) : 0
            #expect(table.entry(b) & (0xFF00_0000 | CharacterTable.letterBit | 0x1F_FFFF) == expected, "\(b)")
        }
    }
}
