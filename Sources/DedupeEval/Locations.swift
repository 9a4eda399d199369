import EvalSupport
import Foundation

/// Where the eval finds its inputs: the package/repo root from this file's path, the shared
/// evaluation data next to the repo (or `ARTICLED_SHARED`).
enum Locations {
    static var repositoryRoot: URL { SharedEvalData.repositoryRoot() }

    static var fixtures: URL {
        repositoryRoot.appendingPathComponent("Tests/DedupeTests/Fixtures")
    }

    static var shared: URL? { SharedEvalData.directory(containing: "eval-data") }
}
