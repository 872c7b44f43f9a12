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
        .library(name: "KafkaClient", targets: ["KafkaClient"]),
        .library(name: "NewsNLP", targets: ["NewsNLP"]),
        .executable(name: "newsline", targets: ["NewslineCLI"]),
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
            name: "NewsNLP",
            path: "Sources/NewsNLP",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NewsNLPTests",
            dependencies: ["NewsNLP"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "NewslineCLI",
            dependencies: [
                "NewsNLP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
