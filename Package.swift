// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "newsline",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "NewsSchema", targets: ["NewsSchema"]),
        .library(name: "NewsIngest", targets: ["NewsIngest"]),
        .library(name: "KafkaClient", targets: ["KafkaClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(
            name: "NewsSchema",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "NewsIngest",
            dependencies: ["NewsSchema"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NewsSchemaTests",
            dependencies: ["NewsSchema"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NewsIngestTests",
            dependencies: ["NewsIngest", "NewsSchema"],
            swiftSettings: swiftSettings
        ),
    ]
)
