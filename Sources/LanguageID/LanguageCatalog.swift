/// Which script each statistically modelled language is written in; everything not listed is Latin.
enum LanguageCatalog {
    static func script(of code: String) -> Script {
        switch code {
        case "be", "bg", "kk", "mk", "mn", "ru", "sr", "uk": .cyrillic
        case "ar", "fa", "ur": .arabic
        case "hi", "mr": .devanagari
        case "zh", "ja": .han
        default: .latin
        }
    }

    /// Languages decided by their script alone, in `Script` order.
    static let scriptOnly: [String] = Script.allCases.compactMap(\.soleLanguage)
}
