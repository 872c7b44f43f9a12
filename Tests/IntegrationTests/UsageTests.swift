import Foundation
import Testing

/// Bad numbers on the command line or in the environment, as the executables meet them: a usage error naming the
/// option, exit 64, never a crash (an infinite or NaN number of seconds used to stop each of these with a trap).
@Suite(.timeLimit(.minutes(1)))
struct UsageTests {
    @Test(arguments: [
        ("newsline", ["tail", "--brokers", "127.0.0.1:1", "articles.summarized", "--idle-timeout", "inf"], [:], "--idle-timeout must be a number of seconds"),
        ("newsline", ["push", "--brokers", "127.0.0.1:1", "--timeout", "nan", "-"], [:], "--timeout must be a number of seconds"),
        ("newsline", ["demo", "--timeout", "inf"], [:], "--timeout must be a number of seconds"),
        ("newsline", ["topics", "create", "--brokers", "127.0.0.1:1", "--timeout", "1e300"], [:], "--timeout must be a number of seconds"),
        ("newsline-ingest", ["--brokers", "127.0.0.1:1", "--shutdown-timeout", "inf"], [:], "--shutdown-timeout must be a number of seconds"),
        ("newsline-summarize", ["--brokers", "127.0.0.1:1", "--summary-interval", "nan"], [:], "--summary-interval must be a number of seconds"),
        ("newsline-entities", ["--brokers", "127.0.0.1:1"], ["NEWSLINE_CONCURRENCY": "0"], "NEWSLINE_CONCURRENCY must be a whole number of at least 1, got '0'"),
    ] as [(String, [String], [String: String], String)])
    func aBadNumberIsAUsageError(_ executable: String, _ arguments: [String], _ environment: [String: String], _ message: String) throws {
        let child = try ChildProcess(executable, arguments, environment: environment)
        let status = try #require(child.wait(timeout: .seconds(20)), "\(child.log)")
        #expect(status == 64, "\(child.log)")
        #expect(child.log.contains("Error: \(message)"), "\(child.log)")
    }
}
