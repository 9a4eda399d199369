import ArticleCorpus
import Cleaning
import Foundation

/// `--stoplists`: which stoplist judged each page when no language is given (the daemon's path:
/// the clean stage runs before language id), to see what a change of the stoplists moves.
/// Half A's pages are listed one by one; half B's are never printed (evaluation protocol).
func stoplistsOfHalfA(_ pages: [Page], patterns: PatternSet, configuration: CleaningConfiguration) {
    let cleaner = Cleaner(configuration: configuration, patterns: patterns)
    var counts: [String: Int] = [:]
    for page in pages where half(of: page) == 0 {
        let language = cleaner.clean(page.text, source: page.source).language ?? "-"
        counts[language, default: 0] += 1
        print("stoplist \(page.id) \(language)")
    }
    print("stoplists, half A: " + summary(counts))
}

/// `--bench-corpus DIR --stoplists`: per stoplist, how many of the bench corpus's articles it
/// judged (one cold pass, no language given, as the stage benchmark runs them).
func stoplistsOfCorpus(_ corpus: SampleCorpus, patterns: PatternSet, count: Int) {
    let cleaner = Cleaner(patterns: patterns)
    var counts: [String: Int] = [:]
    for index in 0..<count {
        let article = corpus.article(index: index, approximateBytes: 4096)
        counts[cleaner.clean(article.text, source: article.source).language ?? "-", default: 0] += 1
    }
    print("stoplists, bench corpus (\(count) articles): " + summary(counts))
}

/// "en 80, fi 3, - 2": most used first, ties by name.
private func summary(_ counts: [String: Int]) -> String {
    counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
}
