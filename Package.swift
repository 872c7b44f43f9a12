// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let coreMetrics = Target.Dependency.product(name: "CoreMetrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let traceContext = Target.Dependency.product(name: "W3CTraceContext", package: "swift-w3c-trace-context")
// Hummingbird's own transport: named only to read the errno of an HTTP server that cannot bind.
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")

let package = Package(
    name: "newsline",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "NewsSchema", targets: ["NewsSchema"]),
        .library(name: "NewsIngest", targets: ["NewsIngest"]),
        .library(name: "NewsNLP", targets: ["NewsNLP"]),
        .library(name: "KafkaClient", targets: ["KafkaClient"]),
        .library(name: "StageRuntime", targets: ["StageRuntime"]),
        .executable(name: "newsline-ingest", targets: ["IngestWorker"]),
        .executable(name: "newsline-entities", targets: ["EntityWorker"]),
        .executable(name: "newsline-summarize", targets: ["SummaryWorker"]),
        .executable(name: "newsline", targets: ["NewslineCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(name: "NewsSchema", swiftSettings: swiftSettings),
        .target(name: "NewsIngest", dependencies: ["NewsSchema"], swiftSettings: swiftSettings),
        .target(name: "NewsNLP", resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "KafkaClient", dependencies: ["CRdKafka", logging], swiftSettings: swiftSettings),
        .target(
            name: "StageRuntime",
            dependencies: [
                "KafkaClient", "NewsSchema", logging, argumentParser, serviceLifecycle, unixSignals, metrics, coreMetrics, prometheus,
                hummingbird, nioCore, traceContext,
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "IngestWorker",
            dependencies: ["StageRuntime", "NewsIngest", "NewsSchema", "KafkaClient", argumentParser],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "EntityWorker",
            dependencies: ["StageRuntime", "NewsNLP", "NewsSchema", "KafkaClient", argumentParser],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "SummaryWorker",
            dependencies: ["StageRuntime", "NewsNLP", "NewsSchema", "KafkaClient", argumentParser],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "NewslineCLI",
            dependencies: [
                "KafkaClient", "NewsSchema", "NewsIngest", "NewsNLP", "StageRuntime", argumentParser, logging, unixSignals,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "NewsNLPTests", dependencies: ["NewsNLP"], swiftSettings: swiftSettings),
        .testTarget(name: "NewsSchemaTests", dependencies: ["NewsSchema"], swiftSettings: swiftSettings),
        .testTarget(name: "NewsIngestTests", dependencies: ["NewsIngest", "NewsSchema"], swiftSettings: swiftSettings),
        .testTarget(name: "KafkaClientTests", dependencies: ["KafkaClient", logging], swiftSettings: swiftSettings),
        .testTarget(
            name: "StageRuntimeTests",
            dependencies: ["StageRuntime", "KafkaClient", "NewsSchema", argumentParser, logging, traceContext],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["KafkaClient", "NewsSchema", logging],
            swiftSettings: swiftSettings
        ),
    ]
)
