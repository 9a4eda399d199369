// swift-tools-version:6.1
//
// Stage and stage-chain micro-benchmarks (package-benchmark), apart from the main package so its
// dependencies never enter the default build or CI. Run: `make bench-stages`
// (= `swift package --package-path Benchmarks benchmark`). End-to-end runs: `make bench`.
import PackageDescription

let package = Package(
    name: "articled-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named explicitly: a path dependency is otherwise known by its folder name, which differs per clone.
        .package(name: "articled", path: ".."),
        // MallocInterposer only: the default RuntimeInterposer trait needs a package the offline mirrors lack.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Stages",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ArticleCorpus", package: "articled"),
                .product(name: "Pipeline", package: "articled"),
                .product(name: "Cleaning", package: "articled"),
                .product(name: "LanguageID", package: "articled"),
                .product(name: "Dedupe", package: "articled"),
                .product(name: "Tagging", package: "articled"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/Stages",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
