// swift-tools-version:6.1
import PackageDescription

// Micro-benchmarks, in a package of their own so that building Newsline does not build the benchmark
// tool. Run them with `bash scripts/bench-micro.sh` from the repository root.
let package = Package(
    name: "newsline-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "newsline", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Codec",
            dependencies: [
                .product(name: "NewsSchema", package: "newsline"),
                .product(name: "NewsIngest", package: "newsline"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Codec",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
