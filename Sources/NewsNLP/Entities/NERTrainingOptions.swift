/// Options for training the entity model.
public struct NERTrainingOptions: Sendable {
    /// Passes over the training data per stage. Default 12.
    public var epochs = 12
    /// Seed of the sentence shuffling. Default 1.
    public var seed: UInt64 = 1
    /// Contiguous folds used to produce held-out stage-1 tags for stage 2. Default 4.
    public var folds = 4
    /// Sentences on each side that stage 2 treats as one document. Default 80.
    public var window = 80
    /// Features whose largest averaged weight is below this are dropped. Default 0.5.
    public var pruneThreshold: Float = 0.5
    /// Models trained with different seeds (`seed`, `seed + 1000`, …) and summed, per stage. Default 3.
    public var ensemble = 3
    /// Whether to train the document-level second stage. Default true.
    public var twoStages = true

    /// Default options.
    public init() {}
}
