import Foundation
import KafkaClient
import NewsSchema
import Testing

/// `newsline push` as an operator meets it: mixed inputs, a cluster that does not answer, a missing topic.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct PushTests {
    /// A directory holding one good article, three bad ones, a .jsonl file (CRLF) of two good lines and a bad one, a JSON
    /// array of a good submission and a bad one, and a file push does not read.
    private func mixedDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-push-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sampleArticlePath, toPath: directory.appendingPathComponent("good.txt").path)
        try Data(#"{"text": "unfinished"#.utf8).write(to: directory.appendingPathComponent("bad.json"))
        try Data().write(to: directory.appendingPathComponent("empty.txt"))
        try Data([0xFF, 0xFE, 0x41]).write(to: directory.appendingPathComponent("sub/binary.txt"))
        try Data("not an article".utf8).write(to: directory.appendingPathComponent("notes.md"))
        let lines = ["", #"{"text": "Officials met in Geneva on Monday.", "title": "Geneva"}"#, #"{"title": "no text"}"#, #"{"text": "Talks resume in Paris."}"#]
        try Data(lines.joined(separator: "\r\n").utf8).write(to: directory.appendingPathComponent("batch.jsonl"))
        let array = #"[{"text": "Ministers met in Rome.", "title": "Rome"}, {"title": 7}]"#
        try Data(array.utf8).write(to: directory.appendingPathComponent("list.json"))
        return directory.path
    }

    /// Ingest dead-letters a message over its --max-message-bytes (1 MiB by default), and the embedded cluster takes far
    /// larger ones: push used to report such an article as pushed.
    @Test func anArticleLargerThanTheWorkersTakeIsNotSent() throws {
        let pipeline = try Pipeline()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-push-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sampleArticlePath, toPath: directory.appendingPathComponent("good.txt").path)
        let big = directory.appendingPathComponent("big.txt").path
        try Data(("Big title\n\n" + String(repeating: "Officials met in Geneva on Monday. ", count: 40_000)).utf8).write(to: URL(fileURLWithPath: big))

        let push = try pipeline.cli(["push", directory.path])
        #expect(push.status == 1, "\(push.log)")
        #expect(push.log.contains("pushed 1 of 2 articles"), "\(push.log)")
        #expect(push.log.contains("failed: \(big): "), "\(push.log)")
        #expect(push.log.contains(" bytes as a submission, over --max-message-bytes (1048576): ingest would dead-letter it"), "\(push.log)")
        // Given the workers' raised limit, it goes.
        let raised = try pipeline.cli(["push", big, "--max-message-bytes", "2000000"])
        #expect(raised.status == 0, "\(raised.log)")
        let sent = try pipeline.read(pipeline.topics.submitted) { $0.count >= 2 }
        #expect(sent.count == 2)
        #expect(sent.contains { $0.value.count > 1_048_576 })
    }

    @Test func eachFailedInputIsNamedWithItsReasonAndTheGoodOneIsDelivered() throws {
        let pipeline = try Pipeline()
        let directory = try mixedDirectory()
        let missing = directory + "/../no-such-article.txt"
        let push = try pipeline.cli(["push", directory, missing, "--ids"])
        #expect(push.status == 1, "\(push.log)")
        #expect(push.log.contains("pushed 4 of 10 articles"), "\(push.log)")
        // --ids: each delivered one's origin and the id it is keyed by, in the order read.
        let ids = push.output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(ids.count == 4 && ids.allSatisfy { $0.count == 2 && $0[0].hasPrefix(directory + "/") && $0[1].hasPrefix("a-") }, "\(push.output)")
        #expect(ids.map { $0[0] } == ids.map { $0[0] }.sorted(), "\(push.output)")
        // A bad line or array element fails alone, named by its line number (blank lines counted) or index; the
        // others go.
        #expect(push.log.contains("failed: \(directory)/batch.jsonl:3: not a submission: missing field 'text'"))
        #expect(push.log.contains("failed: \(directory)/list.json[1]: not a submission: "), "\(push.log)")
        #expect(push.log.contains("failed: \(directory)/bad.json: not a submission: not valid JSON: unfinished string: unexpected end of data at byte 20\n"), "\(push.log)")
        #expect(push.log.contains("failed: \(directory)/empty.txt: empty"))
        #expect(push.log.contains("failed: \(directory)/sub/binary.txt: not valid UTF-8 text"))
        #expect(push.log.contains("failed: \(missing): no such file or directory"))
        #expect(push.log.contains("skipped 1 file(s) not named .txt, .json or .jsonl: \(directory)/notes.md"))

        let reader = try pipeline.watch(pipeline.topics.submitted)
        try reader.read(timeout: .seconds(20)) { $0.count >= 4 }
        try reader.read(timeout: .seconds(1)) { _ in false }
        #expect(reader.records.count == 4)
        #expect(Set(reader.records.compactMap(\.keyText)) == Set(ids.map { $0[1] }))
    }

    /// Standard input has no file name: what it holds decides how it is read, as `jq` or a script would write it.
    @Test func standardInputIsReadByWhatItHolds() throws {
        let pipeline = try Pipeline()
        let cases: [(input: String, pushed: String, failed: String?)] = [
            // `jq` prints an object over several lines.
            ("{\n  \"title\": \"Oslo\",\n  \"text\": \"Officials met in Oslo.\"\n}\n", "pushed 1 of 1 articles", nil),
            // JSON lines, saved on Windows.
            ("{\"text\": \"Talks resume in Bern.\"}\r\n{\"title\": \"no text\"}\r\n", "pushed 1 of 2 articles", "failed: -:2: not a submission: missing field 'text'"),
            ("[{\"text\": \"Ministers met in Vienna.\"}]", "pushed 1 of 1 articles", nil),
            ("{\n  \"text\": \"unfinished\n", "pushed 0 of 1 articles", "failed: -: not a submission: not valid JSON: "),
            ("Lisbon talks\n\nMinisters met in Lisbon on Monday.\n", "pushed 1 of 1 articles", nil),
        ]
        for (input, pushed, failed) in cases {
            let push = try pipeline.cli(["push", "-"], input: Data(input.utf8))
            #expect(push.status == (failed == nil ? 0 : 1), "\(input) \(push.log)")
            #expect(push.output.isEmpty, "nothing on standard output without --ids: \(push.output)")
            #expect(push.log.contains(pushed), "\(input) \(push.log)")
            if let failed {
                #expect(push.log.contains(failed), "\(input) \(push.log)")
            }
        }
        let reader = try pipeline.watch(pipeline.topics.submitted)
        try reader.read(timeout: .seconds(20)) { $0.count >= 4 }
        try reader.read(timeout: .seconds(1)) { _ in false }
        #expect(reader.records.count == 4)
        let titles = try reader.records.map { try NewsJSON.decoder().decode(ArticleSubmission.self, from: Data($0.value)).title }
        #expect(titles.contains("Oslo"), "\(titles)")
    }

    @Test func aClusterThatDoesNotAnswerFailsThePushBeforeAnythingIsSent() throws {
        let child = try ChildProcess("newsline", ["push", sampleArticlePath, "--brokers", "127.0.0.1:1"])
        // Guards against the old behaviour, a wait of librdkafka's five-minute delivery timeout.
        let status = try #require(child.wait(timeout: .seconds(40)))
        #expect(status == 1)
        #expect(child.log.contains("nothing pushed: the Kafka cluster did not answer: metadata from 127.0.0.1:1: "), "\(child.log)")
        // The connection failures come as warnings, once each, not also as librdkafka's own error lines.
        #expect(!child.log.contains(" error "), "\(child.log)")
    }

    @Test func aMissingTopicFailsThePushBeforeAnythingIsSent() throws {
        let pipeline = try Pipeline()
        let push = try pipeline.cli(["push", sampleArticlePath, "--topic-prefix", "nowhere."])
        #expect(push.status == 1)
        #expect(push.log.contains("has no topic nowhere.articles.submitted"), "\(push.log)")
    }

    @Test func aPathWithNoArticleInItIsAnErrorBeforeTheClusterIsAsked() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-push-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: "\(directory)/empty", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(directory)/notes", withIntermediateDirectories: true)
        try Data("not an article".utf8).write(to: URL(fileURLWithPath: "\(directory)/notes/draft.md"))
        try Data("[]".utf8).write(to: URL(fileURLWithPath: "\(directory)/none.json"))
        let cases = [
            (["\(directory)/empty"], ""),
            (["\(directory)/notes"], " (only 1 file(s) not named .txt, .json or .jsonl: \(directory)/notes/draft.md)"),
            (["\(directory)/none.json", "\(directory)/empty"], ""),
        ]
        // No cluster answers there: each push fails on its paths alone, without the 10 s wait for brokers.
        for (paths, detail) in cases {
            let child = try ChildProcess("newsline", ["push", "--brokers", "127.0.0.1:1"] + paths)
            let status = try #require(child.wait(timeout: .seconds(5)), "\(paths) \(child.log)")
            #expect(status == 1)
            #expect(child.log.contains("nothing to push: no article in \(paths.joined(separator: " "))\(detail)"), "\(child.log)")
        }
    }
}
