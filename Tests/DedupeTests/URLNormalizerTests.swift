import Testing
@testable import Dedupe

@Suite struct URLNormalizerTests {
    let normalizer = URLNormalizer()

    @Test func variantsOfOnePageCollapse() {
        let variants = [
            "https://www.noordoostnieuws.nl/zwolle/gemeenteraad~a8812034/",
            "http://noordoostnieuws.nl/zwolle/gemeenteraad~a8812034",
            "HTTPS://WWW.NoordOostNieuws.NL:443/zwolle/gemeenteraad~a8812034/#reacties",
            "https://www.noordoostnieuws.nl/zwolle/gemeenteraad~a8812034/?utm_source=nieuwsbrief&utm_medium=email&fbclid=abc",
            "https://www.noordoostnieuws.nl./zwolle/gemeenteraad%7Ea8812034?ref=home&gclid=x&mc_cid=1&mc_eid=2",
        ]
        let keys = Set(variants.compactMap { normalizer.normalize($0) })
        #expect(keys == ["https://noordoostnieuws.nl/zwolle/gemeenteraad~a8812034"])
    }

    @Test func remainingParametersAreSortedAndKept() {
        #expect(normalizer.normalize("https://x.com/a?b=2&utm_campaign=z&a=1&ocid=9&at_medium=rss")
            == "https://x.com/a?a=1&b=2")
        #expect(normalizer.normalize("https://x.com/a?id=5") != normalizer.normalize("https://x.com/a?id=6"))
    }

    @Test func percentEscapesGetOneSpelling() {
        #expect(normalizer.normalize("https://x.com/caf%c3%a9%2fx") == "https://x.com/caf%C3%A9%2Fx")
        #expect(normalizer.normalize("https://x.com/%41b") == "https://x.com/Ab")
    }

    @Test func nonDefaultPortAndPathCaseAreKept() {
        #expect(normalizer.normalize("https://x.com:8443/Path/") == "https://x.com:8443/Path")
        #expect(normalizer.normalize("https://user:pw@x.com/a") == "https://x.com/a")
    }

    @Test func garbageNeverCrashes() {
        let inputs = ["", "   ", "://", "http://", "?", "#", "%", "%zz", "http://[::1]:80/a", "a:b:c", "www.",
                      "https://x.com/?&&=&=x", String(decoding: [0xFF, 0xFE, 0x25, 0x41], as: UTF8.self)]
        for input in inputs { _ = normalizer.normalize(input) }
        var generator = SplitMix(seed: 7)
        let alphabet = Array("htps:/?#&=%.wW:@[]AZaz09 _-~".utf8)
        for _ in 0..<2000 {
            let length = Int(generator.next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = normalizer.normalize(String(decoding: bytes, as: UTF8.self))
        }
        #expect(normalizer.normalize("  ") == nil)
    }

    /// The rewrite must give exactly the canonical URLs of the version it replaced (URL keys are
    /// persisted): fuzzed against a verbatim copy of it.
    @Test func rewriteMatchesTheReferenceNormalizer() {
        let reference = ReferenceURLNormalizer()
        let fixed = [
            "https://www.noordoostnieuws.nl/zwolle/gemeenteraad~a8812034/?utm_source=x&b=2&a=1#frag",
            "HTTP://User:Pw@WWW.Example.COM.:80/A%7eb/%2f/?Ref=1&utm_medium=y;c=3&&", "example.com/a?",
            "https://[::1]:8443/x", "https://[::1]/x", "ftp://www.x.org:21/", "www.", "www.a", "wwwa.b", "WWW.ab.c",
            "  https://x.com//  ", "https://x.com?a=1", "https://x.com/?", "mailto:x@y.z", "1http://x.com", "h+t-t.p://x",
            "https://x.com:443", "https://x.com:80/", "https://x.com:/", "https://x.com:8080", "http://x.com:443/p",
            "https://x.com/a%", "https://x.com/a%4", "https://x.com/%41%42%2F%7e%E2%82%AC", "https://x.com/?a=%41&A=1&a=0",
            "//x.com/a", "https:x.com", "https:/x.com", "x.com#", "#x", "?", "https://", "https://@", "https://...",
            "https://www.x.com./?fbclid=1&gclid=2", "https://x.com/p?utm_=1&UTM_SOURCE=2&pk_x=3&keep=4",
            "https://x.com/?utm_\u{301}x=1&pk_=2&b=1&a=2&b=0&a", "https://x.com/?utm_\r\n=1&a\r=2&%55TM_x=3&utm%5fx=4",
            "https://x.com/?z=1;y=2&&;x&=3&=&Ref=4&r\u{E9}f=5&utm_source=bench",
        ]
        for url in fixed { #expect(normalizer.normalize(url) == reference.normalize(url), "\(url)") }
        var generator = SplitMix(seed: 8)
        let alphabet = Array("htps:/?#&=%.wW:@[]AZaz09 _-~;+\t".utf8) + [0xC3, 0xA9, 0xFF]
        let pieces = ["https://", "http://", "www.", "%41", "%2f", "%e2%82%ac", "utm_source=", "&", "?", "#", ":443", ":80", "/"]
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 12) {
                if generator.next() % 3 == 0 {
                    bytes += Array(pieces[Int(generator.next() % UInt64(pieces.count))].utf8)
                } else {
                    bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
                }
            }
            let url = String(decoding: bytes, as: UTF8.self)
            #expect(normalizer.normalize(url) == reference.normalize(url), "\(url)")
            #expect(normalizer.key(url) == reference.normalize(url).map { StableHash.hash($0, seed: 0x75726c) })
        }
    }

    /// Configured prefixes that are not ASCII, or hold a CR, are compared as Strings, as before.
    @Test func unusualPrefixesMatchTheReferenceNormalizer() {
        let prefixes = ["\u{1FEF}", "a\r", "K", "\u{E9}t", "e\u{301}", "", "x_"]
        for prefix in prefixes {
            let normalizer = URLNormalizer(trackingParameters: ["cafe\u{301}"], trackingPrefixes: [prefix])
            let reference = ReferenceURLNormalizer(trackingParameters: ["cafe\u{301}"], trackingPrefixes: [prefix])
            for query in ["`a=1&b=2", "a\r\n=1&c=2", "a\r=1&c=2", "\u{212A}=1&k=2", "\u{E9}tat=1&e\u{301}tat=2&z=3",
                          "caf\u{E9}=1&cafe\u{301}=2&CAFE\u{301}=3", "x_=1&x\u{301}_=2&x_\u{301}=3&y=4"] {
                let url = "https://x.com/p?" + query
                #expect(normalizer.normalize(url) == reference.normalize(url), "\(prefix.unicodeScalars.map(\.value)) \(url)")
            }
        }
    }

    @Test func keyIsStable() {
        // Pinned: changing it invalidates every stored changelog entry.
        #expect(normalizer.key("https://example.com/a") == StableHash.hash("https://example.com/a", seed: 0x75726c))
        #expect(StableHash.hash("") == StableHash.mix(StableHash.fnvOffset))
    }
}

/// Deterministic generator for property-style tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
