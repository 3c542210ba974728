import BenchSupport
import Foundation
import Net

/// Counts datagrams; nothing else, so the figure is the socket path's cost.
final class DatagramCounter: DatagramHandler {
    var packets = 0
    var batches = 0
    func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) { packets += 1 }
    func datagramBatchEnded() { batches += 1 }
}

/// (c) Receive throughput with recvmmsg: a plain thread blasts 172-byte datagrams (an RTP packet of
/// 20 ms G.711) with sendto as fast as it can; the receiving loop thread's CPU time comes from getrusage.
///
/// With `busyMilliseconds > 0` the loop is also held (sleeping, no CPU) that long every 2× that
/// period, as a loop serving many sockets would be, so datagrams pile up and recvmmsg takes them in
/// full batches: the per-packet cost without a wake-up per packet.
func runUDPReceiveBench(group: EventLoopGroup, seconds: Double = 3, busyMilliseconds: UInt32 = 0) async throws {
    let loop = group.loops[0]
    var options = UDPSocket.Options()
    options.receiveBufferBytes = 8 << 20
    let receiver = try await loop.submit { [options] in
        try UDPSocket.bind(.loopbackIPv4(), on: loop, options: options, handler: DatagramCounter())
    }
    let target = receiver.localAddress
    let stop = Locked(false)
    let sent = Locked(0)
    let sender = Thread {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = target.port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let payload = [UInt8](repeating: 0x80, count: 172)
        var count = 0
        while !stop.get() {
            for _ in 0..<256 {
                let result = withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        Glibc.sendto(fd, payload, payload.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                if result > 0 { count += 1 }
            }
        }
        sent.set(count)
        close(fd)
    }
    let (startPackets, startBatches, startCPU) = try await loop.submit { receiver.counts() }
    let start = nowNanoseconds()
    sender.start()
    if busyMilliseconds > 0 {
        let deadline = nowNanoseconds() + UInt64(seconds * 1e9)
        while nowNanoseconds() < deadline {
            loop.execute { usleep(busyMilliseconds * 1000) }
            try await Task.sleep(for: .milliseconds(Int(busyMilliseconds) * 2))
        }
    } else {
        try await Task.sleep(for: .seconds(seconds))
    }
    let (endPackets, endBatches, endCPU) = try await loop.submit { receiver.counts() }
    let elapsed = Double(nowNanoseconds() - start) / 1e9
    stop.set(true)
    while sent.get() == 0 { try await Task.sleep(for: .milliseconds(10)) }
    let packets = endPackets - startPackets
    let batches = max(1, endBatches - startBatches)
    let cpu = endCPU - startCPU
    let mode = busyMilliseconds > 0 ? "loop busy \(busyMilliseconds) ms of every \(2 * busyMilliseconds)" : "idle loop"
    print(String(format: "(c) UDP receive, %@: %.0f packets/s over %.1f s, %.2f CPU s per million packets on the loop thread, %.1f datagrams per recvmmsg, %d sent",
                 mode, Double(packets) / elapsed, elapsed, cpu / (Double(packets) / 1e6), Double(packets) / Double(batches), sent.get()))
    try await loop.submit { receiver.close() }
}

extension UDPSocket {
    /// The bench counter's figures and the loop thread's CPU time; on the loop thread.
    func counts() -> (Int, Int, Double) {
        let counter = handler as! DatagramCounter
        return (counter.packets, counter.batches, threadCPUSeconds())
    }
}

/// A tiny lock for the sender thread's flags.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
