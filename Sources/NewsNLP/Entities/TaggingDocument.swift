/// A tokenized document ready for tagging: per-token values and sentence token ranges.
struct TaggingDocument {
    var infos: [TokenInfo]
    var sentences: [Range<Int>]
    /// Per sentence: whether it is a headline (no lowercase word of more than three letters).
    var headline: [Bool]
    /// Aggregated contexts of capitalised words (static features of both stages); set by the
    /// tagger and the trainer, who know the window.
    var contexts: ContextAggregate?

    init(scalars: [Unicode.Scalar], tokens: [Range<Int>], sentences: [Range<Int>], gazetteer: Gazetteer) {
        infos = tokens.map { TokenInfo(scalars, $0) }
        self.sentences = sentences
        headline = []
        headline.reserveCapacity(sentences.count)
        for s in sentences {
            gazetteer.mark(&infos, s)
            var lowerWords = 0
            for i in s where infos[i].flags & TokenInfo.allLower != 0 && (infos[i].flags >> TokenInfo.lengthShift) >= 4
            {
                lowerWords += 1
            }
            headline.append(lowerWords == 0 && s.count > 1)
        }
    }

    /// Marks the gazetteer matches of some sentences again, with another gazetteer.
    mutating func remark(_ gazetteer: Gazetteer, sentences only: Range<Int>) {
        for s in only { gazetteer.mark(&infos, sentences[s]) }
    }

    /// Builds a document from pre-tokenized sentences (CoNLL), joining tokens with spaces.
    init(tokenizedSentences: [[Substring]], gazetteer: Gazetteer) {
        var scalars: [Unicode.Scalar] = []
        var tokens: [Range<Int>] = []
        var sentences: [Range<Int>] = []
        for sentence in tokenizedSentences {
            let first = tokens.count
            for word in sentence {
                let start = scalars.count
                scalars.append(contentsOf: word.unicodeScalars)
                tokens.append(start..<scalars.count)
                scalars.append(" ")
            }
            sentences.append(first..<tokens.count)
        }
        self.init(scalars: scalars, tokens: tokens, sentences: sentences, gazetteer: gazetteer)
    }
}
