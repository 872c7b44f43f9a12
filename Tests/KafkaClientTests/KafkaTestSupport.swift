import Foundation
import KafkaClient
import Logging

/// A quiet logger for tests.
let testLogger: Logger = {
    var logger = Logger(label: "newsline.tests")
    logger.logLevel = .critical
    return logger
}()

/// Polls until `count` records arrived or the deadline passed.
func consume(_ consumer: KafkaConsumer, count: Int, within timeout: Duration = .seconds(20)) throws -> [ConsumerRecord] {
    var records: [ConsumerRecord] = []
    let deadline = ContinuousClock.now + timeout
    while records.count < count, ContinuousClock.now < deadline {
        if let record = try consumer.poll(timeout: .milliseconds(100)) {
            records.append(record)
        }
    }
    return records
}

/// A unique name, so suites sharing a cluster never share a group or topic.
func uniqueName(_ base: String) -> String {
    "\(base)-\(UUID().uuidString.prefix(8))"
}
