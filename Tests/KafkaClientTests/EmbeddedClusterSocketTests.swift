import Foundation
import KafkaClient
import Testing

#if canImport(Glibc)
import Glibc

/// The embedded brokers' side of every connection has Nagle's algorithm off, as Kafka's brokers have: with it
/// on, the last records of a burst waited about 40 ms for their acknowledgement (a delayed TCP acknowledgement).
@Suite(.timeLimit(.minutes(1)))
struct EmbeddedClusterSocketTests {
    @Test func theBrokersListenersAndAcceptedConnectionsHaveNoDelaySet() throws {
        let cluster = try EmbeddedCluster(brokers: 2, logger: testLogger)
        let topic = uniqueName("nodelay")
        try cluster.createTopic(topic, partitions: 2)
        let producer = try KafkaProducer(
            configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers)), logger: testLogger
        )
        for partition in Int32(0)..<2 {
            try producer.send(ProducerRecord(topic: topic, partition: partition, value: Array("x".utf8))) { _ in }
        }
        try producer.flush(timeout: .seconds(20))
        defer { producer.close() }

        let ports = Set(cluster.bootstrapServers.split(separator: ",").compactMap { $0.split(separator: ":").last.flatMap { UInt16($0) } })
        #expect(ports.count == 2)
        let brokerSide = Self.sockets(withLocalPortIn: ports)
        // Both listeners, and at least the connection the producer sent through to each partition's leader.
        #expect(brokerSide.filter(\.listening).count == 2)
        #expect(brokerSide.filter { !$0.listening }.count >= 1)
        for socket in brokerSide {
            #expect(socket.noDelay, "descriptor \(socket.descriptor) (listening: \(socket.listening)) has Nagle's algorithm on")
        }
    }

    struct Socket {
        var descriptor: Int32
        var listening: Bool
        var noDelay: Bool
    }

    /// This process's IPv4 sockets bound to one of `ports`: a broker's listener and the connections it accepted
    /// (a client's socket has an ephemeral local port).
    static func sockets(withLocalPortIn ports: Set<UInt16>) -> [Socket] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.compactMap { entry -> Socket? in
            guard let descriptor = Int32(entry) else { return nil }
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            guard named == 0, address.sin_family == sa_family_t(AF_INET), ports.contains(UInt16(bigEndian: address.sin_port))
            else { return nil }
            return Socket(
                descriptor: descriptor,
                listening: option(SOL_SOCKET, SO_ACCEPTCONN, of: descriptor) == 1,
                noDelay: option(Int32(IPPROTO_TCP), TCP_NODELAY, of: descriptor) == 1
            )
        }
    }

    static func option(_ level: Int32, _ name: Int32, of descriptor: Int32) -> Int32 {
        var value: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, level, name, &value, &size) == 0 ? value : -1
    }
}
#endif
