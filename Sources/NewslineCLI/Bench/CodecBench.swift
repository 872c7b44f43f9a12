import Foundation
import NewsSchema
import StageRuntime

/// The wire codec's cost per envelope, against Foundation's JSON coders configured as the wire used to be.
enum CodecBench {
    struct Figures {
        var encode: Duration
        /// Encoding after a provenance record was added, copying the received article's text.
        var encodeReusing: Duration
        /// Decoding as a stage does (``EnvelopeDecoding/decodeEnvelope(from:maxBytes:decoder:)``, checks included).
        var decodeEnvelope: Duration
        /// Decoding through `Decodable` with ``NewsJSONDecoder``.
        var decode: Duration
        var foundationEncode: Duration
        var foundationDecode: Duration
    }

    /// Median time per call over `rounds` rounds of `iterations` calls, for a 4 KB envelope.
    static func measure(iterations: Int = 2_000, rounds: Int = 5) throws -> Figures {
        let value = try TransportBench.envelope(index: 0, bytes: 4096)
        let envelope = try NewsJSON.decoder().decode(ArticleEnvelope.self, from: value)
        let encoder = NewsJSON.encoder()
        let decoder = NewsJSON.decoder()
        let foundationEncoder = JSONEncoder()
        foundationEncoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        foundationEncoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(NewsJSON.formatDate(date))
        }
        let foundationDecoder = JSONDecoder()
        foundationDecoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = NewsJSON.parseDate(text) else { throw CocoaError(.coderReadCorrupt) }
            return date
        }
        let data = Data(value)
        var (forwarded, received) = try EnvelopeDecoding.decodeEnvelope(from: value, maxBytes: value.count)
        forwarded.provenance.append(
            Provenance(stage: "bench", version: NewslineVersion.current, host: "bench", startedAt: Date(), finishedAt: Date())
        )
        func time(_ body: () throws -> Void) rethrows -> Duration {
            var samples: [Duration] = []
            for _ in 0..<rounds {
                let start = ContinuousClock.now
                for _ in 0..<iterations { try body() }
                samples.append((ContinuousClock.now - start) / iterations)
            }
            return samples.sorted()[rounds / 2]
        }
        return Figures(
            encode: try time { _ = try encoder.encodeBytes(envelope) },
            encodeReusing: try time { _ = try encoder.encodeBytes(forwarded, reusing: received) },
            decodeEnvelope: try time { _ = try EnvelopeDecoding.decodeEnvelope(from: value, maxBytes: value.count) },
            decode: try time { _ = try decoder.decode(ArticleEnvelope.self, from: value) },
            foundationEncode: try time { _ = try foundationEncoder.encode(envelope) },
            foundationDecode: try time { _ = try foundationDecoder.decode(ArticleEnvelope.self, from: data) }
        )
    }
}
