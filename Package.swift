// swift-tools-version:6.2
//
// articled: a news-enrichment stream worker. Module layout follows the data path:
//   CRdKafka (C shim) → Kafka (librdkafka wrapper, knows nothing of articles)
//   → Pipeline (article model, decoding, encoding, stages, offset tracking; knows nothing of librdkafka)
//   → Daemon (wiring: config, lifecycle, the consume → process → produce → commit loop)
//   → articled (the executable: argument parsing only).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// One module per stage: the algorithm plus its `Stage` adapter, depending on Pipeline's model
/// only; beside each, a `<Stage>Eval` executable (quality on ../shared/eval-data, speed) and tests
/// with committed fixtures.
let stageModules = ["Dedupe", "Cleaning", "LanguageID", "Tagging"]

let stageTargets: [Target] = stageModules.flatMap { name -> [Target] in [
    .target(
        name: name,
        dependencies: ["Pipeline", .product(name: "Logging", package: "swift-log")],
        swiftSettings: swiftSettings
    ),
    .executableTarget(name: "\(name)Eval", dependencies: [.target(name: name), "EvalSupport", "ArticleCorpus"], swiftSettings: swiftSettings),
    .testTarget(
        name: "\(name)Tests",
        dependencies: [.target(name: name), "Pipeline"],
        resources: [.copy("Fixtures")],
        swiftSettings: swiftSettings
    ),
] }

let package = Package(
    name: "articled",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "articled", targets: ["articled"]),
        .library(name: "Kafka", targets: ["Kafka"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        // For the Benchmarks/ package (package-benchmark), which measures the stages outside the daemon.
        .library(name: "ArticleCorpus", targets: ["ArticleCorpus"]),
    ] + stageModules.map { .library(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // Already in the graph through swift-configuration's YAML trait; check-config walks the raw tree.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // librdkafka >= 2.2 through pkg-config (Scripts/deps-librdkafka.sh provides it on Debian 12).
        .systemLibrary(
            name: "CRdKafka",
            // No `providers` hint: Debian 12's librdkafka-dev (2.0.2) is the one that must not be used.
            pkgConfig: "rdkafka"
        ),
        .target(
            name: "Kafka",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Pipeline",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Deterministic benchmark and load-test articles (synthetic, or mixed from Config/samples).
        .target(name: "ArticleCorpus", dependencies: ["Pipeline"], swiftSettings: swiftSettings),
        // How the …Eval executables find ../shared/eval-data (and skip when it is absent).
        .target(name: "EvalSupport", swiftSettings: swiftSettings),
        // Prometheus registry and the /metrics /healthz /readyz server; no dependencies on purpose
        // (a small socket server instead of swift-nio keeps the build minutes down).
        .target(name: "Telemetry", dependencies: ["CGlibcMalloc"], swiftSettings: swiftSettings),
        // glibc's <malloc.h> (arena cap, heap statistics), which the Glibc module does not import.
        .systemLibrary(name: "CGlibcMalloc"),
        // sd_notify protocol (READY, WATCHDOG, STATUS, STOPPING) without libsystemd.
        .target(name: "SystemdNotify", swiftSettings: swiftSettings),
        .executableTarget(name: "TelemetryBench", dependencies: ["Telemetry"], swiftSettings: swiftSettings),
        .target(
            name: "Daemon",
            dependencies: [
                "Kafka",
                "Pipeline",
                "Telemetry",
                "SystemdNotify",
            ] + stageModules.map { .target(name: $0) } + [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "articled",
            dependencies: [
                "Daemon",
                "Kafka",
                "CGlibcMalloc",
                "Pipeline",
                "ArticleCorpus",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["Kafka"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArticleCorpusTests",
            dependencies: ["ArticleCorpus", "Pipeline"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SystemdNotifyTests",
            dependencies: ["SystemdNotify"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TelemetryTests",
            dependencies: ["Telemetry"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DaemonTests",
            dependencies: ["Daemon", "Pipeline", "Kafka", "ArticleCorpus", "CRdKafka"],
            swiftSettings: swiftSettings
        ),
    ] + stageTargets
)
