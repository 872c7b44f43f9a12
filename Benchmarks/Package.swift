// swift-tools-version:6.1
import PackageDescription

// Micro-benchmarks, in a package of their own so that building Newsline does not build the benchmark
// tool. Run them with `bash scripts/bench-micro.sh` from the repository root.

/// A benchmark target in the folder of its name, using the sample article and these of Newsline's libraries.
func benchmarkTarget(_ name: String, using libraries: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["SampleArticle"] + libraries.map { .product(name: $0, package: "newsline") }
            + [.product(name: "Benchmark", package: "benchmark")],
        path: name,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "newsline-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "newsline", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "SampleArticle",
            dependencies: [.product(name: "NewsSchema", package: "newsline"), .product(name: "NewsIngest", package: "newsline")],
            path: "SampleArticle"
        ),
        benchmarkTarget("Codec", using: ["NewsSchema"]),
        benchmarkTarget("Article", using: ["NewsSchema", "NewsIngest", "NewsNLP"]),
    ]
)
