public import Foundation

/// Options for training the entity model.
public struct NERTrainingOptions: Sendable {
    /// Passes over the training data per stage. Default 12.
    public var epochs = 12
    /// Seed of the sentence shuffling. Default 1.
    public var seed: UInt64 = 1
    /// Contiguous folds used to produce held-out stage-1 tags for stage 2. Default 4.
    public var folds = 4
    /// Sentences on each side that stage 2 treats as one document. Default 20.
    public var window = 20
    /// Features whose largest averaged weight is below this are dropped. Default 0.5.
    public var pruneThreshold: Float = 0.5
    /// Whether to train the document-level second stage. Default true.
    public var twoStages = true

    /// Default options.
    public init() {}
}

/// Trains the entity model on CoNLL-format sentences.
public enum NERTraining {
    /// Trains a model.
    /// - Parameters:
    ///   - corpus: Training sentences with IOB2 tags (PER, ORG, LOC, MISC).
    ///   - gazetteer: The gazetteer the model will run with (normally ``Gazetteer/bundled()``).
    ///   - options: Training options.
    ///   - log: Receives progress lines.
    /// - Returns: The model file contents.
    public static func train(
        corpus: CoNLLCorpus, gazetteer: Gazetteer, options: NERTrainingOptions, log: (String) -> Void
    ) -> Data {
        let doc = TaggingDocument(
            tokenizedSentences: corpus.sentences.map { $0.words.map { Substring($0) } }, gazetteer: gazetteer)
        let gold = corpus.sentences.flatMap { $0.tags.map { TagSet.tag(Substring($0)) } }
        func stage1(_ sentences: [Int], _ label: String) -> TagModel {
            var trainer = PerceptronTrainer()
            trainer.train(
                sentences: sentences.map { ($0, doc.sentences[$0]) }, infos: doc.infos, gold: gold,
                epochs: options.epochs, seed: options.seed,
                features: { s, i, f in NERFeatures.appendStatic(doc, sentence: s, token: i, to: &f) },
                progress: { log("\(label) epoch \($0): token accuracy \(formatPercent($1))") })
            let model = trainer.averaged(threshold: options.pruneThreshold)
            log("\(label): \(trainer.featureCount) features, \(model.count) kept")
            return model
        }
        let all = Array(doc.sentences.indices)
        let first = stage1(all, "stage 1")
        guard options.twoStages else { return NERModelFile.encode(NERTagger(stages: [first], window: options.window)) }
        var heldOut = Array(repeating: 0, count: doc.infos.count)
        let n = doc.sentences.count
        let folds = max(2, options.folds)
        for k in 0..<folds {
            let lo = n * k / folds
            let hi = n * (k + 1) / folds
            let model = stage1(Array(0..<lo) + Array(hi..<n), "fold \(k + 1)/\(folds)")
            heldOut = NERTagger.decode(model, doc, stage1: nil, evidence: nil, only: lo..<hi, into: heldOut)
        }
        let evidence = NERTagger.evidence(doc, heldOut, window: options.window)
        var trainer = PerceptronTrainer()
        trainer.train(
            sentences: all.map { ($0, doc.sentences[$0]) }, infos: doc.infos, gold: gold, epochs: options.epochs,
            seed: options.seed &+ 1,
            features: { s, i, f in
                NERFeatures.appendStatic(doc, sentence: s, token: i, to: &f)
                NERTagger.appendNonLocal(doc, sentence: s, token: i, stage1: heldOut, evidence: evidence[i], to: &f)
            },
            progress: { log("stage 2 epoch \($0): token accuracy \(formatPercent($1))") })
        let second = trainer.averaged(threshold: options.pruneThreshold)
        log("stage 2: \(trainer.featureCount) features, \(second.count) kept")
        return NERModelFile.encode(NERTagger(stages: [first, second], window: options.window))
    }
}
