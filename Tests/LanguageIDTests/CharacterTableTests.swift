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
}
