import Benchmark
import Foundation
import NewsIngest
import NewsNLP
import NewsSchema
import SampleArticle

// What each stage's transform does to one article, on the sample article: ingest's parsing, the entity
// extraction of `newsline-entities` and the summary of `newsline-summarize` (three sentences, their default).
// The NLP stages set the pipeline's pace, far above the codec's microseconds.

/// The default configuration, with `allocations` more or fewer than the recorded threshold accepted by the
/// allocation check. Unlike the codec's, these counts move by a few between runs and between samples of one run
/// (1,940-1,947 for the entities in one run, 181-183 for parsing), likely because an iteration lasts long enough
/// for the benchmark tool's own threads to allocate during it (not confirmed).
private func allowing(_ allocations: Int) -> Benchmark.Configuration {
    var configuration = Benchmark.defaultConfiguration
    configuration.thresholds = [.mallocCountTotal: .init(absolute: [.p90: allocations])]
    return configuration
}

let benchmarks: @Sendable () -> Void = {
    // An article takes from tens of microseconds (parsing) to about a millisecond (entities): one per sample.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .throughput],
        maxDuration: .seconds(2)
    )
    let submission: ArticleSubmission
    let article: Article
    let extractor: EntityExtractor
    do {
        submission = try SampleArticle.submission()
        article = try SampleArticle.article()
        extractor = try EntityExtractor.bundled()
    } catch {
        fatalError("cannot prepare the sample article: \(error)")
    }
    let parser = ArticleParser()
    let entities = extractor.extract(from: article.body)
    let summarizer = Summarizer()

    // Names without spaces: see Codec.swift.
    Benchmark("ingest-parse", configuration: allowing(5)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try parser.parse(submission, now: submission.submittedAt)) }
    }
    Benchmark("extract-entities", configuration: allowing(20)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(extractor.extract(from: article.body)) }
    }
    Benchmark("summarize", configuration: allowing(5)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(summarizer.summarize(title: article.title, body: article.body, entities: entities, length: .sentences(3)))
        }
    }
}
