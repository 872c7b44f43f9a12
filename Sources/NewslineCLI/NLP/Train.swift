import ArgumentParser
import Foundation
import NewsNLP

/// `newsline train`: trains the NLP models.
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train NLP models.",
        subcommands: [TrainNER.self]
    )
}

/// `newsline train ner`: trains the entity model on CoNLL-2003-format data.
struct TrainNER: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the entity tagger (deterministic: fixed seed)."
    )

    @Option(help: "Training data, CoNLL format (WORD TAG ...).")
    var train = "../shared/data/ner/conll2003/train.txt"

    @Option(help: "Where to write the model file.")
    var out: String

    @Option(help: "Validation data to score the model on after training.")
    var valid: String?

    @Option(help: "Passes over the data per stage.")
    var epochs = NERTrainingOptions().epochs

    @Option(help: "Shuffling seed.")
    var seed: UInt64 = 1

    @Option(help: "Features with a smaller largest weight are dropped.")
    var prune = NERTrainingOptions().pruneThreshold

    @Option(help: "Sentences on each side treated as one document by stage 2.")
    var window = NERTrainingOptions().window

    @Option(help: "Folds for the held-out stage-1 tags that stage 2 learns from.")
    var folds = NERTrainingOptions().folds

    @Option(help: "Models trained with different seeds and summed, per stage.")
    var ensemble = NERTrainingOptions().ensemble

    @Flag(help: "Train the local stage only.")
    var oneStage = false

    func validate() throws {
        // Read or written only after training, which takes minutes: checked now.
        if let valid, !FileManager.default.fileExists(atPath: valid) { throw ValidationError("validation data not found at \(valid)") }
        var isDirectory: ObjCBool = false
        let directory = (out as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--out: no directory \(directory) to write the model in")
        }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard prune.isFinite else { throw ValidationError("--prune must be a finite number, got \(prune)") }
        // The model file stores the window in 32 bits.
        guard (0...Int(Int32.max)).contains(window) else {
            throw ValidationError("--window must be from 0 to \(Int32.max) sentences, got \(window)")
        }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2 (stage 2 learns from tags held out by the other folds), got \(folds)") }
        guard ensemble >= 1 else { throw ValidationError("--ensemble must be at least 1, got \(ensemble)") }
    }

    func run() async throws {
        let corpus = try CoNLLCorpus(text: try DataFile.read(train, what: "training data"))
        var options = NERTrainingOptions()
        options.epochs = epochs
        options.seed = seed
        options.pruneThreshold = prune
        options.window = window
        options.twoStages = !oneStage
        options.ensemble = ensemble
        options.folds = folds
        let start = DataFile.now()
        let model = NERTraining.train(corpus: corpus, gazetteer: try Gazetteer.bundled(), options: options) {
            print($0)
        }
        do {
            try model.write(to: URL(fileURLWithPath: out))
        } catch {
            throw CLIError("cannot write the model to \(out): \(DataFile.reason(error))")
        }
        print("wrote \(out) (\(model.count) bytes) in \(Int(DataFile.now() - start)) s")
        if let valid {
            let extractor = try EntityExtractor(modelData: model)
            let corpus = try CoNLLCorpus(text: try DataFile.read(valid, what: "validation data"))
            print(EvalNER.evaluate(extractor, corpus).report)
        }
    }
}
