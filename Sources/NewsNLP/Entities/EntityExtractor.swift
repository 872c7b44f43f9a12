public import Foundation

/// Finds people, organizations, locations and other names in news text.
///
/// A two-stage averaged-perceptron tagger (see docs/nlp.md) followed by document-level
/// consistency: one name keeps one kind in a document, short forms join their long form
/// ("Kerry" → "John Kerry"), and further exact occurrences of a found name are added.
public struct EntityExtractor: Sendable {
    let tagger: NERTagger
    let gazetteer: Gazetteer
    private let tokenizer = Tokenizer()
    private let splitter = SentenceSplitter()

    /// Loads a model.
    /// - Parameters:
    ///   - modelData: The contents of a model file written by `newsline train ner`.
    ///   - gazetteer: The gazetteer the model was trained with; defaults to the bundled one.
    /// - Throws: ``NLPError`` when the model is malformed or the bundled gazetteer is missing.
    public init(modelData: Data, gazetteer: Gazetteer? = nil) throws {
        tagger = try NERModelFile.decode(modelData)
        self.gazetteer = try (gazetteer ?? Gazetteer.bundled()).adding(
            tagger.lexicon,
            maxLength: tagger.lexiconMaxLength
        )
    }

    private static let shared: Result<EntityExtractor, NLPError> = {
        guard let url = Bundle.module.url(forResource: "ner", withExtension: "model", subdirectory: "Resources") else {
            return .failure(NLPError(.resourceMissing, "ner.model is not in the NewsNLP bundle"))
        }
        do {
            return .success(try EntityExtractor(modelData: try Data(contentsOf: url)))
        } catch let error as NLPError {
            return .failure(error)
        } catch {
            return .failure(NLPError(.resourceMissing, "cannot read ner.model: \(error)"))
        }
    }()

    /// The extractor with the model shipped in the library, loaded once per process.
    /// - Throws: ``NLPError`` when the bundled model is missing or malformed.
    public static func bundled() throws -> EntityExtractor { try shared.get() }

    /// Tags pre-tokenized sentences (one document; stage 2 looks at the model's window of
    /// sentences around each one), returning IOB2 tags such as `B-PER`.
    /// - Parameter sentences: The sentences' tokens.
    /// - Returns: One tag per token.
    public func tag(sentences: [[String]]) -> [[String]] {
        let doc = TaggingDocument(tokenizedSentences: sentences.map { $0.map { Substring($0) } }, gazetteer: gazetteer)
        let tags = tagger.tag(doc)
        return doc.sentences.map { r in r.map { TagSet.names[tags[$0]] } }
    }

    /// Extracts the entities of a text.
    /// - Parameter text: The text (title and body, or body alone).
    /// - Returns: Entities sorted by salience (highest first), then by first mention.
    public func extract(from text: String) -> [ExtractedEntity] {
        let scalars = Array(text.unicodeScalars)
        let tokens = tokenizer.ranges(in: scalars)
        let sentences = splitter.sentences(scalars, tokens).map(\.tokens)
        let doc = TaggingDocument(scalars: scalars, tokens: tokens, sentences: sentences, gazetteer: gazetteer)
        let tags = tagger.tag(doc, window: Int(Int32.max))
        var spans: [(type: Int, range: Range<Int>)] = []
        for r in sentences { spans += TagSet.spans(tags[r]) }
        var linker = EntityLinker(scalars: scalars, tokens: tokens, sentences: sentences, infos: doc.infos)
        return linker.entities(from: spans)
    }
}
