import SwitchboardTesting
import Testing
@testable import Net

/// Records every datagram with its source, and batch ends.
final class DatagramRecorder: DatagramHandler {
    struct Datagram: Sendable, Equatable { let bytes: [UInt8]; let source: SocketAddress }
    enum Event: Sendable { case datagram(Datagram), batchEnded, closed(CloseReason) }
    let log: EventLog<Event>
    init(log: EventLog<Event>) { self.log = log }
    func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        log.record(.datagram(Datagram(bytes: Array(bytes), source: source)))
    }
    func datagramBatchEnded() { log.record(.batchEnded) }
    func datagramSocketClosed(_ reason: CloseReason) { log.record(.closed(reason)) }
}

extension DatagramRecorder.Event {
    var datagram: DatagramRecorder.Datagram? { if case .datagram(let d) = self { d } else { nil } }
}

extension NetTests {
    @Suite struct UDPSocketTests {
        @Test func batchReceiveDeliversEveryDatagramWithItsTrueSource() async throws {
            let group = try EventLoopGroup(loopCount: 2, name: "t-udp")
            let receiverLoop = group.loops[0], senderLoop = group.loops[1]
            let log = EventLog<DatagramRecorder.Event>()
            var options = UDPSocket.Options()
            options.receiveBufferBytes = 1 << 20
            let receiver = try await receiverLoop.submit { [options] in
                try UDPSocket.bind(.loopbackIPv4(), on: receiverLoop, options: options, handler: DatagramRecorder(log: log))
            }
            let perSender = 60 // 180 datagrams fit the default-capped receive buffer
            let senders = try await senderLoop.submit {
                try (0..<3).map { _ in try UDPSocket.bind(.loopbackIPv4(), on: senderLoop) }
            }
            // The receiving loop is held until all are sent, so they wait in the kernel and come out
            // of recvmmsg in full batches. Each sender sends 100 datagrams naming itself, half one by
            // one, half in sendmmsg batches.
            let held = Semaphore(), sendingDone = Semaphore()
            receiverLoop.execute { held.signal(); sendingDone.wait() }
            held.wait()
            let sent = try await senderLoop.submit {
                var sent = 0
                for (index, sender) in senders.enumerated() {
                    let datagrams = (0..<perSender).map { OutgoingDatagram([UInt8(index), UInt8($0)] + pattern(160), to: receiver.localAddress) }
                    for datagram in datagrams.prefix(perSender / 2) where sender.send(datagram.bytes, to: datagram.destination) == .sent {
                        sent += 1
                    }
                    sent += sender.send(batch: Array(datagrams.suffix(perSender / 2)))
                }
                return sent
            }
            sendingDone.signal()
            #expect(sent == 3 * perSender)
            var received: [DatagramRecorder.Datagram] = []
            var batches = 0
            while received.count < sent {
                let event = try await log.first(within: 10, "datagram \(received.count + 1) of \(sent)")
                if let datagram = event.datagram { received.append(datagram) } else if case .batchEnded = event { batches += 1 }
            }
            // 180 waiting datagrams, 32 per recvmmsg: 6 batches, not 180 reads.
            #expect(batches <= (sent + 31) / 32)
            for (index, sender) in senders.enumerated() {
                let fromSender = received.filter { $0.bytes.first == UInt8(index) }
                #expect(fromSender.count == perSender)
                #expect(fromSender.allSatisfy { $0.source == sender.localAddress })
                #expect(fromSender.map { Int($0.bytes[1]) } == Array(0..<perSender))
                #expect(fromSender.allSatisfy { $0.bytes.dropFirst(2).elementsEqual(pattern(160)) })
            }
            await group.shutdownGracefully()
        }

        @Test func oversizedDatagramsAreDroppedAndCountedOthersStillArrive() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-udp-big")
            let loop = group.loops[0]
            let log = EventLog<DatagramRecorder.Event>()
            var options = UDPSocket.Options()
            options.maxDatagramSize = 200
            let receiver = try await loop.submit { [options] in
                try UDPSocket.bind(.loopbackIPv4(), on: loop, options: options, handler: DatagramRecorder(log: log))
            }
            let outcomes = try await loop.submit {
                let sender = try UDPSocket.bind(.loopbackIPv4(), on: loop)
                return [sender.send(pattern(1000), to: receiver.localAddress),
                        sender.send(pattern(200), to: receiver.localAddress),
                        // The sender's own cap is the default 2048: larger is refused before the kernel.
                        sender.send(pattern(3000), to: receiver.localAddress)]
            }
            #expect(outcomes == [.sent, .sent, .tooLarge])
            let datagram = try await log.first { $0.datagram != nil }.datagram
            #expect(datagram?.bytes == pattern(200))
            #expect(try await loop.submit { receiver.oversizeDropped } == 1)
            await group.shutdownGracefully()
        }

        @Test func closingReportsLocalOnceAndRefusesLaterSends() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-udp-close")
            let loop = group.loops[0]
            let log = EventLog<DatagramRecorder.Event>()
            let outcome = try await loop.submit {
                let socket = try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: DatagramRecorder(log: log))
                socket.close()
                socket.close()
                return socket.send([1], to: .loopbackIPv4(port: 9))
            }
            #expect(outcome == .closed)
            // A marker queued after the close: every close report comes before it.
            try await loop.submit { log.record(.batchEnded) }
            var reasons: [CloseReason] = []
            while true {
                let event = try await log.first()
                guard case .closed(let reason) = event else { break }
                reasons.append(reason)
            }
            #expect(reasons == [.local])
            await group.shutdownGracefully()
        }
    }
}
