public import Foundation

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
        corpus: CoNLLCorpus,
        gazetteer: Gazetteer,
        options: NERTrainingOptions,
        log: (String) -> Void
    ) -> Data {
        var doc = TaggingDocument(
            tokenizedSentences: corpus.sentences.map { $0.words.map { Substring($0) } },
            gazetteer: gazetteer
        )
        let gold = corpus.sentences.flatMap { $0.tags.map { TagSet.tag(Substring($0)) } }
        // Names seen in training join the gazetteer; each fold's sentences see only the other folds' names.
        let n = doc.sentences.count
        let folds = max(2, options.folds)
        func fold(_ k: Int) -> Range<Int> { (n * k / folds)..<(n * (k + 1) / folds) }
        func lexicon(excluding skip: Range<Int>) -> (entries: [UInt64: UInt32], longest: Int) {
            var out: [UInt64: UInt32] = [:]
            var longest = 1
            for s in doc.sentences.indices where !skip.contains(s) {
                let r = doc.sentences[s]
                for span in TagSet.spans(gold[r]) {
                    out[Gazetteer.phraseHash(doc.infos, span.range), default: 0] |=
                        1 << UInt32(Gazetteer.lexiconBase + span.type - 1)
                    longest = max(longest, span.range.count)
                }
            }
            return (out, longest)
        }
        var fullLexicon = lexicon(excluding: 0..<0)
        var lowercase: [UInt64: Int] = [:]
        for i in doc.infos.indices where doc.infos[i].flags & TokenInfo.allLower != 0 {
            lowercase[doc.infos[i].lower, default: 0] += 1
        }
        var common: [UInt64: UInt32] = [:]
        for (h, c) in lowercase where c >= 2 {
            let key = FeatureHash.mix(FeatureHash.basis ^ h)
            common[key] = 1 << UInt32(Gazetteer.common)
            fullLexicon.entries[key, default: 0] |= 1 << UInt32(Gazetteer.common)
        }
        for k in 0..<folds {
            let lex = lexicon(excluding: fold(k))
            doc.remark(
                gazetteer.adding(lex.entries, maxLength: lex.longest).adding(common, maxLength: 1),
                sentences: fold(k)
            )
        }
        func finish(_ stages: [TagModel]) -> Data {
            var tagger = NERTagger(stages: stages, window: options.window)
            tagger.lexicon = fullLexicon.entries
            tagger.lexiconMaxLength = fullLexicon.longest
            return NERModelFile.encode(tagger)
        }
        func trainStage(
            _ sentences: [Int],
            _ label: String,
            seed: UInt64,
            features: @escaping (Int, Int, inout [UInt64]) -> Void
        ) -> TagModel {
            var rows: [(key: UInt64, weights: SIMD16<Float>)] = []
            for member in 0..<max(1, options.ensemble) {
                var trainer = PerceptronTrainer()
                trainer.train(
                    sentences: sentences.map { ($0, doc.sentences[$0]) },
                    infos: doc.infos,
                    gold: gold,
                    epochs: options.epochs,
                    seed: seed &+ UInt64(member) &* 1000,
                    features: features,
                    progress: { log("\(label) epoch \($0): token accuracy \(formatPercent($1))") }
                )
                let kept = trainer.averagedRows(threshold: options.pruneThreshold)
                log("\(label): \(trainer.featureCount) features, \(kept.count) kept")
                rows += kept
            }
            return TagModel(features: rows)
        }
        doc.contexts = ContextAggregate(doc, window: options.window)
        let docCopy = doc
        let local: (Int, Int, inout [UInt64]) -> Void = { s, i, f in
            NERFeatures.appendStatic(docCopy, sentence: s, token: i, to: &f)
        }
        let all = Array(doc.sentences.indices)
        let first = trainStage(all, "stage 1", seed: options.seed, features: local)
        guard options.twoStages else { return finish([first]) }
        var heldOut = Array(repeating: 0, count: doc.infos.count)
        for k in 0..<folds {
            let lo = fold(k).lowerBound
            let hi = fold(k).upperBound
            let model = trainStage(
                Array(0..<lo) + Array(hi..<n),
                "fold \(k + 1)/\(folds)",
                seed: options.seed,
                features: local
            )
            heldOut = NERTagger.decode(model, doc, stage1: nil, evidence: nil, only: lo..<hi, into: heldOut)
        }
        let evidence = NERTagger.evidence(doc, heldOut, window: options.window)
        let stage1Tags = heldOut
        let second = trainStage(all, "stage 2", seed: options.seed &+ 1) { s, i, f in
            NERFeatures.appendStatic(docCopy, sentence: s, token: i, to: &f)
            NERTagger.appendNonLocal(docCopy, sentence: s, token: i, stage1: stage1Tags, evidence: evidence, to: &f)
        }
        return finish([first, second])
    }
}
