// swift-tools-version:6.1
//
// Coverage-guided fuzzing (libFuzzer) of the decoder and every stage, apart from the main package:
// its target has no `main` (libFuzzer supplies it) and needs `-sanitize=fuzzer`. Run: `make fuzz`
// (= Scripts/fuzz.sh: build with -sanitize=fuzzer,address, then fuzz for FUZZ_SECONDS).
import PackageDescription

let package = Package(
    name: "articled-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named explicitly: a path dependency is otherwise known by its folder name, which differs per clone.
        .package(name: "articled", path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "ArticleFuzz",
            dependencies: [
                .product(name: "Pipeline", package: "articled"),
                .product(name: "Cleaning", package: "articled"),
                .product(name: "LanguageID", package: "articled"),
                .product(name: "Dedupe", package: "articled"),
                .product(name: "Tagging", package: "articled"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
