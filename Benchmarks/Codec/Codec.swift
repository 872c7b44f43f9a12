import Benchmark
import Foundation
import NewsSchema
import SampleArticle

// The wire codec on the sample article's envelope as `newsline-ingest` writes it: what every stage pays per
// message to read its input and write its output, against Foundation's JSON coders configured as the wire
// used to be. Malloc counts are exact; times vary with the machine's load.

/// The sample article, ingested as `newsline-ingest` ingests it, in an envelope.
private func sampleEnvelope() throws -> ArticleEnvelope {
    let now = SampleArticle.pushedAt
    let ingest = Provenance(stage: "ingest", version: "1", host: "benchmark", startedAt: now, finishedAt: now)
    return ArticleEnvelope(article: try SampleArticle.article(), provenance: [ingest])
}

/// Foundation's coders, with dates as the wire writes them (ISO 8601, UTC, milliseconds).
private func foundationCoders() -> (JSONEncoder, JSONDecoder) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(NewsJSON.formatDate(date))
    }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = NewsJSON.parseDate(text) else { throw CocoaError(.coderReadCorrupt) }
        return date
    }
    return (encoder, decoder)
}

/// What the benchmarks read and write, made once.
private struct Fixture {
    let envelope: ArticleEnvelope
    let bytes: [UInt8]
    /// What a stage sends on: the envelope it read, with its own provenance record added, and its article's text.
    let forwarded: ArticleEnvelope
    let received: ReceivedArticle?

    init() throws {
        envelope = try sampleEnvelope()
        bytes = try NewsJSON.encoder().encodeBytes(envelope)
        var (forwarded, received) = try EnvelopeDecoding.decodeEnvelope(from: bytes, maxBytes: bytes.count)
        forwarded.provenance.append(
            Provenance(stage: "benchmark", version: "1", host: "benchmark", startedAt: Date(), finishedAt: Date())
        )
        self.forwarded = forwarded
        self.received = received
    }
}

let benchmarks: @Sendable () -> Void = {
    // Allocations are counted exactly and `scripts/test.sh` checks them against `Thresholds/`; instructions are
    // counted where the kernel lets `perf` read them.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .throughput],
        scalingFactor: .kilo,
        maxDuration: .seconds(2)
    )
    let fixture: Fixture
    do {
        fixture = try Fixture()
    } catch {
        fatalError("cannot make the sample envelope: \(error)")
    }
    let encoder = NewsJSON.encoder()
    let decoder = NewsJSON.decoder()
    let (foundationEncoder, foundationDecoder) = foundationCoders()
    let bytes = fixture.bytes
    let data = Data(bytes)

    // Names without spaces: benchmark 1.38.1 writes a threshold file with spaces made underscores, but looks for
    // it under the name as it is.
    Benchmark("encode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try encoder.encodeBytes(fixture.envelope)) }
    }
    Benchmark("encode-as-a-stage") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try encoder.encodeBytes(fixture.forwarded, reusing: fixture.received, reservingCapacity: bytes.count + 512))
        }
    }
    Benchmark("decode-as-a-stage") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try EnvelopeDecoding.decodeEnvelope(from: bytes, maxBytes: bytes.count, decoder: decoder))
        }
    }
    Benchmark("decode-through-Decodable") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try decoder.decode(ArticleEnvelope.self, from: bytes)) }
    }
    Benchmark("Foundation-JSONEncoder") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try foundationEncoder.encode(fixture.envelope)) }
    }
    Benchmark("Foundation-JSONDecoder") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try foundationDecoder.decode(ArticleEnvelope.self, from: data)) }
    }
}
