import Foundation
import NewsSchema
import Testing

/// The wire codec against the JSON grammar and against Foundation's JSON coders, which it replaced.
@Suite struct NewsJSONCodecTests {
    struct Box<Value: Codable & Equatable>: Codable, Equatable {
        var value: Value
    }

    private func roundTrip<Value: Codable & Equatable>(_ value: Value) throws -> Value {
        let bytes = try NewsJSON.encoder().encodeBytes(Box(value: value))
        return try NewsJSON.decoder().decode(Box<Value>.self, from: bytes).value
    }

    private func foundationDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            return try #require(NewsJSON.parseDate(text))
        }
        return decoder
    }

    private func foundationEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(NewsJSON.formatDate(date))
        }
        return encoder
    }

    static let awkwardStrings = [
        "", "plain", "quote \" inside", "back\\slash", "slash / stays", "line\nbreak\r\ttab",
        "control \u{01}\u{1F} bytes", "café, naïve, Zürich", "Дамаск", "大马士革", "emoji 🇸🇾👍🏽",
        "line separator \u{2028} and \u{2029}", "nul \u{0} inside", String(repeating: "long ", count: 2_000),
    ]

    @Test(arguments: awkwardStrings)
    func stringsSurviveBothWaysAndFoundationReadsThem(text: String) throws {
        #expect(try roundTrip(text) == text)
        let ours = try NewsJSON.encoder().encode(Box(value: text))
        #expect(try JSONDecoder().decode(Box<String>.self, from: ours).value == text)
        let theirs = try JSONEncoder().encode(Box(value: text))
        #expect(try NewsJSON.decoder().decode(Box<String>.self, from: theirs).value == text)
    }

    /// Strings are scanned eight bytes at a time: put a character that needs escaping, and one outside ASCII,
    /// at every position of strings around the word size.
    @Test func specialCharactersAtEveryPositionOfAWord() throws {
        for length in 1...40 {
            for position in 0..<length {
                for special in ["\"", "\\", "\n", "\u{7}", "é", "🙂"] {
                    var characters = Array(repeating: "a", count: length)
                    characters[position] = special
                    let text = characters.joined()
                    #expect(try roundTrip(text) == text, "length \(length), position \(position)")
                }
            }
        }
    }

    @Test func escapesFromOtherWritersAreRead() throws {
        let json = #"{"value":"\"\\\/\b\f\n\r\t\u0041\u00e9\u4e2d\ud83d\ude00"}"#
        let decoded = try NewsJSON.decoder().decode(Box<String>.self, from: Data(json.utf8))
        #expect(decoded.value == "\"\\/\u{8}\u{C}\n\r\tAé中😀")
    }

    @Test(arguments: [
        ("", "unexpected end"),
        ("{", "unexpected end"),
        (#"{"value":1,}"#, "member name"),
        (#"{"value":01}"#, "leading zero"),
        (#"{"value":-}"#, "digit"),
        (#"{"value":1.}"#, "digit after"),
        (#"{"value":1e}"#, "exponent"),
        (#"{"value":"open}"#, "unfinished string"),
        ("{\"value\":\"tab\tinside\"}", "control character"),
        (#"{"value":tru}"#, "unexpected character"),
        (#"{"value":[1 2]}"#, "expected ',' or ']'"),
        (#"{"value" 1}"#, "expected ':'"),
        (#"{"value":1} trailing"#, "after the JSON value"),
        (#"{"value":NaN}"#, "unexpected character"),
        ("{'value':1}", "member name"),
    ])
    func malformedDocumentsAreRejectedWithWhereAndWhy(json: String, why: String) {
        #expect {
            try NewsJSON.decoder().decode(Box<Int>.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription.contains("not valid JSON") && context.debugDescription.contains(why)
        }
    }

    @Test(arguments: [#"{"value":"\x"}"#, #"{"value":"\u12"}"#, #"{"value":"\ud800"}"#, #"{"value":"\ude00x"}"#])
    func badEscapesNameTheField(json: String) {
        #expect {
            try NewsJSON.decoder().decode(Box<String>.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["value"]
        }
    }

    @Test(arguments: [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF0, 0x90, 0x80], [0xC0, 0xAF]] as [[UInt8]])
    func invalidUTF8InAStringIsAnError(sequence: [UInt8]) {
        // Mid-string, and right before the closing quote (in the same eight-byte word as the quote).
        for tail in [#" end"}"#, #""}"#] {
            let bytes = Array(#"{"value":"ok "#.utf8) + sequence + Array(tail.utf8)
            #expect {
                try NewsJSON.decoder().decode(Box<String>.self, from: bytes)
            } throws: { error in
                guard case DecodingError.dataCorrupted(let context) = error else { return false }
                return context.debugDescription.contains("not valid UTF-8")
            }
        }
    }

    /// Text is checked sixteen and eight bytes at a time: put a byte that is never UTF-8 at every position of
    /// documents around those sizes.
    @Test func invalidUTF8IsFoundAtEveryPositionOfAChunk() {
        for length in 0...40 {
            let prefix = Array(#"{"value":""#.utf8)
            for position in 0..<length {
                var text = Array(repeating: UInt8(ascii: "a"), count: length)
                text[position] = 0xFF
                let bytes = prefix + text + Array(#""}"#.utf8)
                #expect("length \(length), position \(position)") {
                    try NewsJSON.decoder().decode(Box<String>.self, from: bytes)
                } throws: { error in
                    guard case DecodingError.dataCorrupted(let context) = error else { return false }
                    return context.debugDescription.contains("not valid UTF-8")
                }
            }
        }
    }

    @Test func nestingIsLimitedInsteadOfExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: DecodingError.self) {
            try NewsJSON.decoder().decode([Int].self, from: Data(deep.utf8))
        }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) {
            try NewsJSON.decoder().decode(Nested.self, from: Data(fine.utf8))
        }
    }

    /// Any depth of arrays, for the nesting test.
    struct Nested: Decodable {
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            while !container.isAtEnd { _ = try container.decode(Nested.self) }
        }
    }

    @Test func integersKeepTheirRangeAndRefuseWhatDoesNotFit() throws {
        for value in [0, 1, -1, 42, Int.max, Int.min] {
            #expect(try roundTrip(value) == value)
        }
        #expect(try NewsJSON.decoder().decode(Box<Int>.self, from: Data(#"{"value":2.0}"#.utf8)).value == 2)
        #expect(try NewsJSON.decoder().decode(Box<Int>.self, from: Data(#"{"value":1e3}"#.utf8)).value == 1_000)
        for json in [#"{"value":9223372036854775808}"#, #"{"value":1.5}"#, #"{"value":"1"}"#] {
            #expect(throws: DecodingError.self) { try NewsJSON.decoder().decode(Box<Int>.self, from: Data(json.utf8)) }
        }
        #expect(throws: DecodingError.self) {
            try NewsJSON.decoder().decode(Box<UInt8>.self, from: Data(#"{"value":256}"#.utf8))
        }
        #expect(try roundTrip(Int32.min) == Int32.min)
        #expect(try roundTrip(UInt64.max) == UInt64.max)
    }

    @Test func floatingPointNumbersRoundTripExactly() throws {
        for value in [0.0, 0.5, 0.1, 1.0, -2.5e10, 1e-7, 123_456.789, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude] {
            #expect(try roundTrip(value) == value)
        }
        let text = String(decoding: try NewsJSON.encoder().encode(Box(value: 0.75)), as: UTF8.self)
        #expect(text == #"{"value":0.75}"#)
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: EncodingError.self) { try NewsJSON.encoder().encode(Box(value: value)) }
        }
        #expect(throws: DecodingError.self) {
            try NewsJSON.decoder().decode(Box<Double>.self, from: Data(#"{"value":1e999}"#.utf8))
        }
    }

    @Test func dictionariesAreWrittenInKeyOrder() throws {
        let headers = ["zeta": "1", "alpha": "2", "mid": "3", "Beta": "4"]
        let text = String(decoding: try NewsJSON.encoder().encode(headers), as: UTF8.self)
        #expect(text == #"{"Beta":"4","alpha":"2","mid":"3","zeta":"1"}"#)
        #expect(try NewsJSON.decoder().decode([String: String].self, from: Data(text.utf8)) == headers)
    }

    struct Optionals: Codable, Equatable {
        var name: String?
        var count: Int?
        var tags: [String]?
    }

    @Test func absentAndNullOptionalsDecodeAsNil() throws {
        let empty = Optionals(name: nil, count: nil, tags: nil)
        #expect(String(decoding: try NewsJSON.encoder().encode(empty), as: UTF8.self) == "{}")
        let nulls = #"{"name":null,"count":null,"tags":null}"#
        #expect(try NewsJSON.decoder().decode(Optionals.self, from: Data(nulls.utf8)) == empty)
        let full = Optionals(name: "x", count: 3, tags: ["a"])
        #expect(try NewsJSON.decoder().decode(Optionals.self, from: try NewsJSON.encoder().encode(full)) == full)
    }

    @Test func membersAreFoundInAnyOrderAndUnknownOnesIgnored() throws {
        let json = #"{"tags":["b"],"extra":{"deep":[1,{"x":null}]},"count":7,"name":"n"}"#
        #expect(
            try NewsJSON.decoder().decode(Optionals.self, from: Data(json.utf8)) == Optionals(name: "n", count: 7, tags: ["b"])
        )
    }

    @Test func errorsCarryTheFieldPath() {
        let json = #"{"article":{"id":"a","title":5}}"#
        #expect {
            try NewsJSON.decoder().decode(ArticleEnvelope.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, let context) = error else { return false }
            // `schemaVersion` is the first member the envelope reads.
            return key.stringValue == "schemaVersion" && context.codingPath.isEmpty
        }
        let envelope = #"{"schemaVersion":1,"article":{"id":"a","title":5}}"#
        #expect {
            try NewsJSON.decoder().decode(ArticleEnvelope.self, from: Data(envelope.utf8))
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["article", "title"] && context.debugDescription == "expected String, found a number"
        }
        // Containers go by their JSON names.
        for (json, expected) in [
            (#"{"schemaVersion":1,"article":5}"#, "expected an object, found a number"),
            (#"{"schemaVersion":1,"article":{"id":"a","title":"t","subheadings":"x"}}"#, "expected an array, found a string"),
        ] {
            #expect {
                try NewsJSON.decoder().decode(ArticleEnvelope.self, from: Data(json.utf8))
            } throws: { error in
                guard case DecodingError.typeMismatch(_, let context) = error else { return false }
                return context.debugDescription == expected
            }
        }
    }

    @Test func schemaMessagesAgreeWithFoundationBothWays() throws {
        let ours = try NewsJSON.encoder().encode(Fixtures.envelope)
        #expect(try foundationDecoder().decode(ArticleEnvelope.self, from: ours) == Fixtures.envelope)
        let theirs = try foundationEncoder().encode(Fixtures.envelope)
        #expect(try NewsJSON.decoder().decode(ArticleEnvelope.self, from: theirs) == Fixtures.envelope)
        let letter = try foundationEncoder().encode(Fixtures.deadLetter)
        #expect(try NewsJSON.decoder().decode(DeadLetter.self, from: letter) == Fixtures.deadLetter)
        #expect(try foundationDecoder().decode(DeadLetter.self, from: NewsJSON.encoder().encode(Fixtures.deadLetter)) == Fixtures.deadLetter)
    }

    @Test func prettyOutputIsIndentedAndReadsBack() throws {
        let text = String(decoding: try NewsJSON.prettyEncoder().encode(Optionals(name: "a, \"b\": {c}", count: 1, tags: [])), as: UTF8.self)
        #expect(text == "{\n  \"name\": \"a, \\\"b\\\": {c}\",\n  \"count\": 1,\n  \"tags\": []\n}")
        #expect(try NewsJSON.decoder().decode(Optionals.self, from: Data(text.utf8)).name == "a, \"b\": {c}")
    }
}
