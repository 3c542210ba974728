import Conversation
import Media
import Net
import SwitchboardTesting
@testable import Telephony

/// What a stream told its delegate, in order.
enum StreamEvent: Sendable, Equatable {
    case frame([Int16])
    case digit(DTMFDigit)
    /// A mark, with the number of RTP packets the stream had sent when it was reported.
    case mark(MarkID, packetsSent: Int)
    case timedOut
    case failed(String)

    var samples: [Int16]? { if case .frame(let samples) = self { samples } else { nil } }
}

/// A delegate that logs every report; knows its stream (set once open) to stamp marks.
final class StreamRecorder: RTPMediaStreamDelegate, Sendable {
    let log = EventLog<StreamEvent>()
    let stream = Guarded<RTPMediaStream?>(nil)
    /// Frames are logged only when asked (a stream delivers 50 a second).
    let recordsFrames: Bool

    init(recordsFrames: Bool = false) { self.recordsFrames = recordsFrames }

    func rtpStreamReceived(_ frame: AudioFrame) { if recordsFrames { log.record(.frame(frame.samples)) } }
    func rtpStreamReceivedDigit(_ digit: DTMFDigit) { log.record(.digit(digit)) }
    func rtpStreamPlayedMark(_ mark: MarkID) {
        log.record(.mark(mark, packetsSent: stream.value?.statistics.packetsSent ?? -1))
    }
    func rtpStreamTimedOut() { log.record(.timedOut) }
    func rtpStreamFailed(_ reason: String) { log.record(.failed(reason)) }
}

/// One captured datagram and when it arrived.
struct CapturedPacket: Sendable {
    let bytes: [UInt8]
    let source: SocketAddress
    let arrival: ContinuousClock.Instant

    var rtp: RTPPacket? { try? RTPPacketParser().parse(bytes) }
    var payload: [UInt8] { rtp.map { Array(bytes[$0.payloadRange]) } ?? [] }
}

/// A raw UDP peer: captures what arrives.
final class PacketCapture: DatagramHandler, Sendable {
    let log = EventLog<CapturedPacket>()
    func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        log.record(CapturedPacket(bytes: Array(bytes), source: source, arrival: .now))
    }
}

/// Signal helpers.
enum Signal {
    /// `seconds` of a sine at `frequency`, linear PCM at `rate` (8 kHz by default), little-endian bytes.
    static func sineLinear16(frequency: Double, seconds: Double, amplitude: Double = 8000, rate: Double = 8000) -> [UInt8] {
        let count = Int(rate * seconds)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 2)
        for index in 0..<count {
            let sample = Int16(amplitude * sin(2 * Double.pi * frequency * Double(index) / rate))
            bytes.append(UInt8(truncatingIfNeeded: sample))
            bytes.append(UInt8(truncatingIfNeeded: sample >> 8))
        }
        return bytes
    }

    /// Power of `samples` (at `rate`, 8 kHz by default) at `frequency` (Goertzel), normalised by length.
    static func power(of samples: [Int16], at frequency: Double, rate: Double = 8000) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / rate)
        var s1 = 0.0, s2 = 0.0
        for sample in samples {
            let s0 = Double(sample) + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / Double(samples.count * samples.count)
    }

    static func rms(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return 0 }
        return (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
    }
}

#if canImport(Glibc)
import Glibc
#endif
