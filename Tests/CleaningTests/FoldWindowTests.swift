import Foundation
import Testing

@testable import Cleaning

/// The folded-window word loop (`foldedWords`) must give exactly what the per-word Latin loop
/// (`latinWords`) gives: the same hashes, fingerprint and stopping point, window by window.
@Suite struct FoldWindowTests {
    /// Letters and separators of the Latin windows: ASCII, every fold rule of `hashLatin` (C3
    /// with and without 0x20, ß, C4 and C5 either side of B8 and 8A), × and ÷.
    static let alphabet = [
        "a", "Z", "q", "7", "0", "é", "É", "À", "ß", "ÿ", "Ø", "ą", "Ą", "ı", "İ", "ĸ", "Ĺ", "ł", "Ł", "ŉ", "Ŋ", "ő",
        "Ő", "Ÿ", "ź", "ſ", "×", "÷", " ", " ", ", ", ". ", "-",
    ]

    /// A random text of Latin words and separators, preceded by a space (the byte before a window).
    private func text(_ g: inout FastPathTests.Generator, length: Int) -> [UInt8] {
        Array((" " + g.string(from: Self.alphabet, length: length)).utf8)
    }

    @Test func bothFoldFormsAgree() {
        var g = FastPathTests.Generator(state: 41)
        for _ in 0..<300 {
            var bytes = text(&g, length: 70)
            bytes += [UInt8](repeating: 0, count: 80)
            bytes.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                let a = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
                let b = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
                defer {
                    a.deallocate()
                    b.deallocate()
                }
                for offset in 1..<24 {
                    let marksA = LineAnalyzer.foldWindow(base + offset, into: a)
                    let marksB = LineAnalyzer.foldWindowLanes(base + offset, into: b)
                    #expect(Array(UnsafeBufferPointer(start: a, count: 64)) == Array(UnsafeBufferPointer(start: b, count: 64)))
                    #expect(marksA == marksB)
                }
            }
        }
    }

    @Test func foldedWordsMatchLatinWordsInEveryWindow() {
        var g = FastPathTests.Generator(state: 7)
        var fallbacks = 0
        var windows = 0
        // Every other text mostly ASCII, so that some 16-byte chunks hold no accented letter.
        let mostlyASCII = Self.alphabet + Array(repeating: ["e", "t", "a", "o", "n", " "], count: 40).flatMap { $0 }
        for round in 0..<200 {
            let bytes = round % 2 == 0 ? text(&g, length: 120) : Array((" " + g.string(from: mostlyASCII, length: 120)).utf8)
            bytes.withUnsafeBufferPointer { p in
                let bitmap = WordBitmap(p)
                let bits = bitmap.view
                let out1 = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
                let out2 = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
                defer {
                    out1.deallocate()
                    out2.deallocate()
                }
                for i in 1..<(p.count - 64) {
                    let m = bits.bits(at: i)
                    let bounds = m ^ (m &<< 1)
                    guard bounds != 0 else { continue }
                    windows += 1
                    let a = LineAnalyzer.latinWords(bits.bytes, at: i, bounds: bounds, cursor: out1, fingerprint: 99)
                    let b = LineAnalyzer.foldedWords(bits.bytes, at: i, bounds: bounds, cursor: out2, fingerprint: 99)
                    // With the window's non-ASCII word bytes given, chunks without any are not Latin-folded.
                    let out3 = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
                    defer { out3.deallocate() }
                    let c = LineAnalyzer.foldedWords(bits.bytes, at: i, bounds: bounds, cursor: out3, fingerprint: 99, high: bits.special(at: i) & m)
                    let count1 = out1.distance(to: a.cursor)
                    #expect(count1 == out3.distance(to: c.cursor))
                    #expect(Array(UnsafeBufferPointer(start: out1, count: count1)) == Array(UnsafeBufferPointer(start: out3, count: count1)))
                    #expect(a.fingerprint == c.fingerprint && a.open == c.open && a.latin == c.latin)
                    #expect(count1 == out2.distance(to: b.cursor))
                    #expect(Array(UnsafeBufferPointer(start: out1, count: count1)) == Array(UnsafeBufferPointer(start: out2, count: count1)))
                    #expect(a.fingerprint == b.fingerprint)
                    #expect(a.open == b.open)
                    #expect(a.latin == b.latin)
                    if !a.latin { fallbacks += 1 }
                }
            }
        }
        // Both kinds of window were seen: plain Latin ones and ones with × or ÷.
        #expect(fallbacks > 0 && fallbacks < windows)
    }
}
