import BenchSupport
import Media
import Net

/// The per-frame work of one stream without sockets or clocks: inbound (parse an RTP packet, put it in
/// the jitter buffer, take a frame out, decode µ-law) and outbound (write an RTP header and payload
/// into a reused buffer). Timed in batches of 1,000 frames; allocations counted with `MallocTrace`.
enum MicroBench {
    static let batch = 1_000

    static func run(batches: Int) {
        var buffer = JitterBuffer(configuration: .init(depth: .fixed(frames: 2)))
        var packet = RTPHeader(payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 7).serialized(payload: [UInt8](repeating: 0x55, count: 160))
        var payload: [UInt8] = []
        payload.reserveCapacity(1500)
        var frame = AudioFrame.silence(.hz8000)
        let parser = RTPPacketParser()
        var sequence: UInt16 = 0
        var checksum = 0

        func inboundFrame() {
            packet[2] = UInt8(sequence >> 8)
            packet[3] = UInt8(sequence & 0xFF)
            sequence &+= 1
            packet.withUnsafeBytes { bytes in
                guard let parsed = try? parser.parse(bytes) else { return }
                buffer.insert(sequence: parsed.header.sequenceNumber, timestamp: parsed.header.timestamp,
                              ssrc: parsed.header.ssrc, payload: UnsafeRawBufferPointer(rebasing: bytes[parsed.payloadRange]))
            }
            if case .frame = buffer.pop(into: &payload), payload.count == 160 {
                MuLaw.decode(payload, into: &frame)
                checksum &+= Int(frame.samples[0])
            }
        }

        var out = [UInt8](repeating: 0, count: 1500)
        let audio = [UInt8](repeating: 0xFF, count: 160)
        var outSequence: UInt16 = 0
        func outboundFrame() {
            let header = RTPHeader(marker: false, payloadType: 0, sequenceNumber: outSequence, timestamp: UInt32(outSequence) &* 160, ssrc: 9)
            outSequence &+= 1
            out.withUnsafeMutableBytes { buffer in
                let written = header.write(into: buffer)
                audio.withUnsafeBytes { (buffer.baseAddress! + written).copyMemory(from: $0.baseAddress!, byteCount: 160) }
                checksum &+= Int(buffer[written])
            }
        }

        for (name, body) in [("inbound: parse + jitter buffer + µ-law decode", inboundFrame),
                             ("outbound: header + payload into a reused buffer", outboundFrame)] {
            for _ in 0..<batch { body() }  // warm-up fills the jitter buffer and caches
            var perFrame: [Double] = []
            let clock = ContinuousClock()
            for _ in 0..<batches {
                let start = clock.now
                for _ in 0..<batch { body() }
                perFrame.append(nanoseconds(clock.now - start) / Double(batch))
            }
            let allocations = MallocTrace.count { for _ in 0..<10_000 { body() } }
            print("  \(name): \(Percentiles(perFrame).formatted()) per frame; "
                  + "allocations in 10,000 frames: \(allocations.map(String.init) ?? "n/a (run with MALLOC_TRACE, see Docs/benchmarks.md)")")
        }
        // Calibration: the trace does see an allocation when there is one.
        let calibration = MallocTrace.count { checksum &+= [Int](repeating: checksum, count: 64 + (checksum & 1)).count }
        print("  (malloc trace calibration: one 64-element array → \(calibration.map(String.init) ?? "n/a") allocations)")
        if checksum == 42 { print("") }  // keep the work observable
    }
}
