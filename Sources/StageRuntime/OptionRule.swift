import ArgumentParser
import Logging

/// What an option takes, whether it comes as a flag or as its environment variable, so both are held to the same
/// rule and the error says what the rule is.
public struct OptionRule<Value: Sendable>: Sendable {
    /// What the option must be, as the error says it ("a whole number of at least 1").
    let expected: String
    /// The value an environment variable's text stands for; nil where it stands for none.
    let parse: @Sendable (String) -> Value?
    let accepts: @Sendable (Value) -> Bool

    /// A flag's text as its value, read and held to the rule as the environment variable's is (for
    /// `@Option(transform:)`): ArgumentParser's error then quotes the text as it was given (`'8d'`, not `691200.0`).
    /// - Throws: `ValidationError` saying what the option takes.
    public func argument(_ text: String) throws -> Value {
        guard let value = parse(text), accepts(value) else { throw ValidationError("expected \(expected)") }
        return value
    }

    /// Checks a flag's value, if given.
    /// - Throws: `ValidationError` naming `option` and what it takes.
    public func check(_ value: Value?, _ option: String) throws {
        guard let value else { return }
        guard accepts(value) else { throw ValidationError("\(option) must be \(expected), got \(value)") }
    }

    /// The environment variable's value: nil when it is unset or empty.
    /// - Throws: `ValidationError` naming the variable and what it takes, quoting its text.
    func value(of variable: String, in environment: EnvironmentFallback) throws -> Value? {
        guard let text = environment.text(variable) else { return nil }
        guard let value = parse(text), accepts(value) else { throw ValidationError("\(variable) must be \(expected), got '\(text)'") }
        return value
    }
}

extension OptionRule where Value == Double {
    /// The longest wait an option may ask for: a week.
    public static let maximumSeconds = 604_800.0

    /// A time above zero, at most a week: a number of seconds, or a duration with its unit (`30s`, `2m`, `500ms`;
    /// see ``DurationText``), as a manifest's `30s` means.
    public static let seconds = time(from: "above 0") { $0 > 0 }
    /// The same, with zero allowed (where zero turns something off).
    public static let secondsOrZero = time(from: "0") { $0 >= 0 }

    /// A time at or past the lower bound `above` checks (`from` names it in errors), at most a week.
    private static func time(from: String, above: @escaping @Sendable (Double) -> Bool) -> OptionRule {
        OptionRule(
            expected: "a number of seconds or a duration like 30s, 2m or 500ms, \(from) to a week (\(Int(maximumSeconds)) s)",
            parse: { Double($0) ?? DurationText.seconds($0) },
            accepts: { $0.isFinite && above($0) && $0 <= maximumSeconds }
        )
    }
}

extension OptionRule where Value == Int {
    static let concurrency = OptionRule(expected: "a whole number of at least 1", parse: { Int($0) }, accepts: { $0 >= 1 })
    /// Consumers fetch up to twice the limit, and librdkafka takes at most 1,000,000,000 bytes for that.
    static let maxMessageBytes = OptionRule(
        expected: "a whole number from 1024 to 500000000", parse: { Int($0) }, accepts: { (1024...500_000_000).contains($0) }
    )
    static let httpPort = OptionRule(expected: "a port number, 1...65535", parse: { Int($0) }, accepts: { (1...65535).contains($0) })
    /// `--parent-pid` (see ``ParentProcess``).
    static let processID = OptionRule(
        expected: "a process id, 1 to \(Int32.max)", parse: { Int($0) }, accepts: { (1...Int(Int32.max)).contains($0) }
    )
}

extension OptionRule where Value == String {
    /// Kafka names a topic with ASCII letters, digits, `.`, `_` and `-`, at most 249 of them; the prefix leaves room
    /// for the longest pipeline topic, `articles.dead-letter`.
    public static let topicPrefix = OptionRule(
        expected: "letters, digits, '.', '_' or '-' (what Kafka allows in a topic name), at most 229 of them",
        parse: { $0 },
        accepts: { prefix in prefix.utf8.count <= 229 && prefix.utf8.allSatisfy(isTopicNameByte) }
    )

    /// A whole topic name as Kafka accepts it.
    public static let topicName = OptionRule(
        expected: "1 to 249 letters, digits, '.', '_' or '-', and not . or ..",
        parse: { $0 },
        accepts: { name in (1...249).contains(name.utf8.count) && name.utf8.allSatisfy(isTopicNameByte) && name != "." && name != ".." }
    )

    private static func isTopicNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    static let logLevel = oneOf(Logger.Level.self)
    static let logFormat = oneOf(LogFormat.self)

    /// The name of one of `choices`' cases.
    private static func oneOf<Choice: CaseIterable & RawRepresentable & SendableMetatype>(_ choices: Choice.Type) -> OptionRule
    where Choice.RawValue == String {
        OptionRule(
            expected: "one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))",
            parse: { $0 },
            accepts: { Choice(rawValue: $0) != nil }
        )
    }
}

extension OptionRule where Value == Bool {
    static let yesOrNo = OptionRule(
        expected: "1, true, yes, 0, false or no",
        parse: {
            switch $0.lowercased() {
            case "1", "true", "yes": true
            case "0", "false", "no": false
            default: nil
            }
        },
        accepts: { _ in true }
    )
}
