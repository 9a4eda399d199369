import Foundation
import Testing
@testable import Cleaning

/// Pattern and stopword files are trimmed as `trimmingCharacters(in: .whitespaces)` trims (tab and
/// Unicode space separators), without going through NSString.
struct PatternFileTests {
    @Test func linesAreTrimmedOfTabsAndUnicodeSpaces() {
        // Every scalar Foundation counts as such a space, alone and around a word.
        for v in [0x09, 0x20, 0xA0, 0x1680, 0x2000, 0x2005, 0x200A, 0x200B, 0x202F, 0x205F, 0x3000, 0x0A, 0x200C, 0xFEFF] {
            let c = String(Character(Unicode.Scalar(UInt32(v)) ?? " "))
            for line in [c, c + "w" + c] {
                #expect(Substring(line).trimmedSpaces == line.trimmingCharacters(in: .whitespaces), "U+\(String(v, radix: 16))")
            }
        }
        let lines = ["  de ", "\tthe\t", "\u{00A0}und\u{2003}", " \u{3000}", "", "a b", "\u{200B}x\u{200B}", " é\u{0301} ", "\n x \n"]
        for line in lines {
            #expect(Substring(line).trimmedSpaces == line.trimmingCharacters(in: .whitespaces), "\(line.debugDescription)")
        }
    }
}
