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

    /// Groups that share most of their vocabulary; mirrors CONFUSABLE in Scripts/lid_train.py.
    /// Confidence between members uses the softer group temperature.
    static func confusableGroup(of code: String) -> Int? {
        switch code {
        case "hr", "bs", "sr": 1
        case "id", "ms": 2
        case "nb", "nn", "da": 3
        case "zu", "xh": 4
        case "st", "tn": 5
        default: nil
        }
    }

    /// Languages decided by their script alone, in `Script` order.
    static let scriptOnly: [String] = Script.allCases.compactMap(\.soleLanguage)
}
