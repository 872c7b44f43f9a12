import Foundation
import Testing

/// Bad values on the command line or in the environment, as the executables meet them: a usage error naming the
/// option and what it takes, exit 64, never a crash (an infinite or NaN number of seconds used to stop each of the
/// first six with a trap).
@Suite(.timeLimit(.minutes(1)))
struct UsageTests {
    @Test(arguments: [
        ("newsline", ["tail", "--brokers", "127.0.0.1:1", "articles.summarized", "--idle-timeout", "inf"], [:], "The value 'inf' is invalid for '--idle-timeout <idle-timeout>': expected a number of seconds"),
        ("newsline", ["push", "--brokers", "127.0.0.1:1", "--timeout", "nan", "-"], [:], "The value 'nan' is invalid for '--timeout <timeout>': expected a number of seconds"),
        ("newsline", ["push", "--brokers", "127.0.0.1:1", "-", "samples", "-"], [:], "- (standard input) is given more than once"),
        ("newsline", ["push", "--brokers", "127.0.0.1:1", "--max-message-bytes", "10", "-"], [:], "--max-message-bytes must be a whole number from 1024 to 500000000, got 10"),
        ("newsline", ["push", "--brokers", "127.0.0.1:1", "-"], ["NEWSLINE_MAX_MESSAGE_BYTES": "1k"], "NEWSLINE_MAX_MESSAGE_BYTES must be a whole number from 1024 to 500000000, got '1k'"),
        ("newsline", ["demo", "--timeout", "inf"], [:], "The value 'inf' is invalid for '--timeout <timeout>': expected a number of seconds"),
        ("newsline", ["bench", "--latency-seconds", "0"], [:], "The value '0' is invalid for '--latency-seconds <latency-seconds>': expected a number of seconds"),
        ("newsline", ["topics", "create", "--brokers", "127.0.0.1:1", "--timeout", "1e300"], [:], "The value '1e300' is invalid for '--timeout <timeout>': expected a number of seconds"),
        ("newsline-ingest", ["--brokers", "127.0.0.1:1", "--shutdown-timeout", "inf"], [:], "The value 'inf' is invalid for '--shutdown-timeout <shutdown-timeout>': expected a number of seconds"),
        ("newsline-summarize", ["--brokers", "127.0.0.1:1", "--summary-interval", "nan"], [:], "The value 'nan' is invalid for '--summary-interval <summary-interval>': expected a number of seconds"),
        // A time takes its unit (30s, 2m), but only one it knows.
        (
            "newsline-ingest", ["--brokers", "127.0.0.1:1", "--shutdown-timeout", "10sec"], [:],
            "The value '10sec' is invalid for '--shutdown-timeout <shutdown-timeout>': expected a number of seconds or a duration like 30s, 2m or 500ms"
        ),
        ("newsline-entities", ["--brokers", "127.0.0.1:1"], ["NEWSLINE_CONCURRENCY": "0"], "NEWSLINE_CONCURRENCY must be a whole number of at least 1, got '0'"),
        ("newsline", ["tail", "--brokers", "127.0.0.1:1", "articles.summarized", "--from", "2026-11-30"], [:], "--from: not an ISO 8601 time with its zone, like 2026-11-30T12:00:00Z, or a duration back from now, like 30m, 1h30m or 2d: 2026-11-30"),
        ("newsline", ["redrive", "--brokers", "127.0.0.1:1", "--from", "articles.dead-letter", "--since", "-5"], [:], "--since: not an offset or an ISO 8601 time"),
        ("newsline", ["redrive", "--brokers", "127.0.0.1:1", "--from", "articles.dead-letter", "--since", "1h", "--until", "2h"], [:], "--since must come before --until"),
        ("newsline", ["redrive", "--brokers", "127.0.0.1:1", "--from", "articles.dead-letter", "--stage", "ingets"], [:], "--stage must be one of ingest, entities, summarize"),
        ("newsline", ["replay", "--brokers", "127.0.0.1:1", "--stage", "entity", "--to-earliest"], [:], "--stage must be one of ingest, entities, summarize, got 'entity'"),
        ("newsline", ["replay", "--brokers", "127.0.0.1:1", "--group", "g", "--to-earliest"], [:], "name the stage with --stage, or its group and input with --group and --topic"),
        // Past Int32 the partition count used to trap on its way to librdkafka.
        ("newsline", ["topics", "create", "--brokers", "127.0.0.1:1", "--partitions", "3000000000"], [:], "--partitions must be from 1 to 100000, got 3000000000"),
        ("newsline", ["topics", "create", "--brokers", "127.0.0.1:1", "--replication", "0"], [:], "--replication must be from 1 to 10000, got 0"),
        ("newsline", ["redrive", "--brokers", "127.0.0.1:1", "--from", "articles.dead-letter", "--since", "10", "--until", "10"], [:], "--since must come before --until (which is exclusive): nothing lies from 10 to 10"),
        ("newsline", ["redrive", "--brokers", "127.0.0.1:1", "--from", "articles.dead-letter", "--reason", "timeout"], [:], "--reason must be one of"),
        // A prefix no topic may carry: the workers waited for topics that cannot exist; the CLI read the variable
        // untrimmed where the workers trimmed it.
        ("newsline", ["tail", "--brokers", "127.0.0.1:1", "--topic-prefix", "team a.", "articles.summarized"], [:], "--topic-prefix must be letters, digits, '.', '_' or '-' (what Kafka allows in a topic name), at most 229 of them, got team a."),
        ("newsline", ["push", "--brokers", "127.0.0.1:1", "-"], ["NEWSLINE_TOPIC_PREFIX": "staging/"], "NEWSLINE_TOPIC_PREFIX must be letters, digits, '.', '_' or '-' (what Kafka allows in a topic name), at most 229 of them, got 'staging/'"),
        ("newsline-entities", ["--brokers", "127.0.0.1:1", "--topic-prefix", "staging/"], [:], "--topic-prefix must be letters, digits, '.', '_' or '-' (what Kafka allows in a topic name), at most 229 of them, got staging/"),
        ("newsline", ["broker", "--topic", "my topic"], [:], "--topic must be 1 to 249 letters, digits, '.', '_' or '-', and not . or .., got my topic"),
        ("newsline", ["broker", "--parent-pid", "0"], [:], "--parent-pid must be a process id, 1 to 2147483647, got 0"),
        ("newsline", ["broker"], ["NEWSLINE_PARENT_PID": "self"], "NEWSLINE_PARENT_PID must be a process id, 1 to 2147483647, got 'self'"),
        ("newsline-ingest", ["--brokers", "127.0.0.1:1", "--parent-pid", "2147483648"], [:], "--parent-pid must be a process id, 1 to 2147483647, got 2147483648"),
        ("newsline-entities", ["--brokers", "127.0.0.1:1"], ["NEWSLINE_PARENT_PID": "4294967296"], "NEWSLINE_PARENT_PID must be a process id, 1 to 2147483647, got '4294967296'"),
        ("newsline", ["tail", "--brokers", "localhost:9o92", "articles.summarized"], [:], "not a broker address, host[:port] with a port of 1...65535: 'localhost:9o92' in 'localhost:9o92'"),
        ("newsline-ingest", ["--brokers", ","], [:], "no brokers: pass --brokers host:port"),
        // An empty group failed at subscribe with librdkafka's "Local: Unknown group".
        ("newsline-summarize", ["--brokers", "127.0.0.1:1", "--group", ""], [:], "--group must not be empty"),
        // Consumers fetch twice the limit; past librdkafka's range the worker failed on a property it was never given.
        ("newsline-summarize", ["--brokers", "127.0.0.1:1", "--max-message-bytes", "1000000000"], [:], "--max-message-bytes must be a whole number from 1024 to 500000000, got 1000000000"),
        ("newsline-summarize", ["--brokers", "127.0.0.1:1", "--exactly-once", "--transactional-id", " "], [:], "--transactional-id must not be empty"),
        // The NLP tools: a negative window trapped writing the model; the others ran and printed empty summaries,
        // a model with no training, or "0 documents/s".
        ("newsline", ["train", "ner", "--out", "/dev/null", "--window=-1"], [:], "--window must be from 0 to 2147483647 sentences, got -1"),
        ("newsline", ["train", "ner", "--out", "/dev/null", "--epochs", "0"], [:], "--epochs must be at least 1, got 0"),
        ("newsline", ["train", "ner", "--out", "/dev/null", "--valid", "/nonexistent/valid.txt"], [:], "validation data not found at /nonexistent/valid.txt"),
        ("newsline", ["train", "ner", "--out", "/nonexistent/ner.model"], [:], "--out: no directory /nonexistent to write the model in"),
        ("newsline", ["train", "ner", "--out", "/dev/null", "--folds", "1"], [:], "--folds must be at least 2 (stage 2 learns from tags held out by the other folds), got 1"),
        ("newsline", ["analyze", "samples/syria-ceasefire.txt", "--sentences", "0"], [:], "--sentences must be at least 1, got 0"),
        ("newsline", ["eval", "summary", "--repeats", "0"], [:], "--repeats must be at least 1, got 0"),
        ("newsline", ["eval", "ner", "--repeats", "0"], [:], "--repeats must be at least 1, got 0"),
        // ISO 8601's P1M is a month, which used to be read as a minute.
        ("newsline", ["replay", "--brokers", "127.0.0.1:1", "--group", "g", "--topic", "t", "--by-duration", "P1M"], [:], "--by-duration: not a positive duration, like 1h30m, 2d or PT15M (months and years have no fixed length): P1M"),
        ("newsline", ["replay", "--brokers", "127.0.0.1:1", "--group", "g", "--topic", "t", "--by-duration", "0s"], [:], "--by-duration: not a positive duration"),
        ("newsline", ["replay", "--brokers", "127.0.0.1:1", "--group", "g", "--topic", "t", "--to-offset", "-5"], [:], "--to-offset must be 0 or more (--to-earliest and --shift-by go back), got -5"),
        ("newsline", ["tail", "--brokers", "127.0.0.1:1", "articles.summarized", "--count", "-1"], [:], "--count must be at least 1"),
    ] as [(String, [String], [String: String], String)])
    func aBadValueIsAUsageError(_ executable: String, _ arguments: [String], _ environment: [String: String], _ message: String) throws {
        let child = try ChildProcess(executable, arguments, environment: environment)
        let status = try #require(child.wait(timeout: .seconds(20)), "\(child.log)")
        #expect(status == 64, "\(child.log)")
        #expect(child.log.contains("Error: \(message)"), "\(child.log)")
    }

    /// Standard output to a pipe is held until exit: the error line came out above the lines that led to it.
    @Test func whatACommandPrintedComesBeforeTheErrorThatEndsIt() throws {
        let newsline = ChildProcess.productsDirectory.appendingPathComponent("newsline").path
        let shell = try ChildProcess("/bin/sh", ["-c", "'\(newsline)' demo /nonexistent/article.txt 2>&1"])
        let (status, output) = shell.finish(within: .seconds(20))
        #expect(status == 1, "\(output)")
        #expect(output == "cannot push /nonexistent/article.txt: no such file or directory\nError: nothing to push\n", "\(output)")
    }

    /// A file the CLI cannot read or write: one line naming it and why, exit 1 (it used to print Foundation's
    /// error object, `Error Domain=NSCocoaErrorDomain Code=256 …`).
    @Test func aFileProblemIsOneLineWithTheFileAndTheReason() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-usage-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let notText = directory.appendingPathComponent("latin1.txt")
        try Data([0x43, 0x61, 0x66, 0xE9, 0x0A]).write(to: notText)
        let conll = directory.appendingPathComponent("tiny.conll")
        try Data("EU NNP B-NP B-ORG\n".utf8).write(to: conll)
        let plainFile = directory.appendingPathComponent("plain")
        try Data("x".utf8).write(to: plainFile)
        for (arguments, message) in [
            (["analyze", directory.path], "cannot read article at \(directory.path): Is a directory"),
            (["analyze", notText.path], "cannot read article at \(notText.path): not valid UTF-8 text"),
            (["eval", "ner", conll.path, "--model", directory.path + "/none.model"], "model not found at \(directory.path)/none.model (run from the repository root, or pass the path)"),
            (["eval", "ner", conll.path, "--dump", directory.path + "/missing/tags.txt"], "cannot write the tags to \(directory.path)/missing/tags.txt: No such file or directory"),
            (["bench", "--sample", directory.path], "cannot read sample article at \(directory.path): Is a directory"),
            (["demo", "--log-directory", plainFile.path + "/logs"], "cannot make the log directory \(plainFile.path)/logs: Not a directory"),
            (["broker", "--bootstrap-file", directory.path + "/missing/servers"], "cannot write the bootstrap servers to \(directory.path)/missing/servers: No such file or directory"),
        ] {
            let child = try ChildProcess("newsline", arguments)
            let status = try #require(child.wait(timeout: .seconds(20)), "\(child.log)")
            #expect(status == 1, "\(child.log)")
            #expect(child.log.contains("Error: \(message)\n"), "\(child.log)")
        }
    }

    /// A property librdkafka refuses is named in one line, for the CLI and the workers alike (it used to lead with
    /// the Swift type, `KafkaError.configuration: …`).
    @Test(arguments: [
        ("newsline", ["tail", "--brokers", "127.0.0.1:1", "--kafka-property", "no.such.property=1", "articles.summarized"]),
        ("newsline-ingest", ["--brokers", "127.0.0.1:1", "--kafka-property", "no.such.property=1"]),
    ])
    func anUnknownKafkaPropertyIsOneLine(_ executable: String, _ arguments: [String]) throws {
        let child = try ChildProcess(executable, arguments)
        let status = try #require(child.wait(timeout: .seconds(20)), "\(child.log)")
        #expect(status == 1, "\(child.log)")
        let expected = #"Error: kafka configuration: property no.such.property=1: No such configuration property: "no.such.property""#
        #expect(child.log.contains(expected + "\n"), "\(child.log)")
    }
}
