import Testing

import KafkaClient

struct HeaderNameTests {
    let headers = [
        KafkaHeader(name: "newsline-submitted-at", text: "1"),
        KafkaHeader(name: "newsline-schema-version", text: "2"),
        KafkaHeader(name: "newsline-submitted-ax", text: "3"),
        KafkaHeader(name: "newsline-submitted-at", text: "4"),
    ]

    @Test func theLastHeaderOfTheNameIsReadNotOneOfTheSameLength() {
        #expect(headers.text("newsline-submitted-at") == "4")
        #expect(headers.text("newsline-submitted-ax") == "3")
        #expect(headers.text("newsline-schema-version") == "2")
        #expect(headers.text("newsline-submitted-a") == nil)
        #expect(headers.text("newsline-submitted-atx") == nil)
    }

    @Test func anASCIINameIsMatchedByteForByteAsKafkaMatchesIt() {
        // A name beginning with the Kelvin sign is another name to Kafka, though `==` finds it equal to "Kafka"'s.
        #expect("\u{212A}afka" == "Kafka")
        let headers = [KafkaHeader(name: "\u{212A}afka", text: "1"), KafkaHeader(name: "caf\u{E9}", text: "2")]
        #expect(headers.text("Kafka") == nil)
        #expect(!headers[0].isNamed("Kafka"))
        #expect(headers.text("\u{212A}afka") == "1")
        #expect(headers.text("caf\u{E9}") == "2")
        #expect(headers.text("cafe\u{301}") == nil)
    }
}
