/// Sentences of a CoNLL-style file: one `WORD ... TAG` line per token (the tag is the second
/// column; more columns are ignored), a blank line between sentences, `-DOCSTART-` lines skipped.
public struct CoNLLCorpus: Sendable {
    /// One sentence's words and IOB tags.
    public struct Sentence: Sendable, Hashable {
        /// The words.
        public var words: [String]
        /// The IOB tags, one per word.
        public var tags: [String]
    }

    /// The sentences in file order.
    public var sentences: [Sentence]

    /// Parses file contents.
    /// - Throws: ``NLPError`` when a token line has fewer than two columns.
    public init(text: String) throws {
        sentences = []
        var words: [String] = []
        var tags: [String] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if columns.isEmpty || columns[0] == "-DOCSTART-" {
                if !words.isEmpty { sentences.append(Sentence(words: words, tags: tags)) }
                words = []
                tags = []
                continue
            }
            guard columns.count >= 2 else {
                throw NLPError(.badInput, "line \(lineNumber): expected `WORD TAG`, got `\(line)`")
            }
            words.append(String(columns[0]))
            tags.append(String(columns[1]))
        }
        if !words.isEmpty { sentences.append(Sentence(words: words, tags: tags)) }
    }

    /// The number of tokens.
    public var tokenCount: Int { sentences.reduce(0) { $0 + $1.words.count } }
}
