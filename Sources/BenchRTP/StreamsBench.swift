import BenchSupport
import Conversation
import Media
import Net
import Speech
import Telephony
#if canImport(Glibc)
import Glibc
#endif

/// Ignores everything a stream reports (keeps no frame, so the stream's frame storage is reused).
final class NullDelegate: RTPMediaStreamDelegate, Sendable {
    func rtpStreamReceived(_ frame: AudioFrame) {}
    func rtpStreamReceivedDigit(_ digit: DTMFDigit) {}
    func rtpStreamPlayedMark(_ mark: MarkID) {}
    func rtpStreamTimedOut() {}
    func rtpStreamFailed(_ reason: String) {}
}

extension StreamsBench {
    /// 16 kHz linear audio that keeps Opus busy like speech: a 150 Hz buzz with harmonics, its level
    /// moving at a syllable rate, plus a little noise (a pure tone or silence would encode cheaper).
    static func widebandVoiceLike(seconds: Int) -> AudioChunk {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16_000 * seconds * 2)
        for index in 0..<(16_000 * seconds) {
            let t = Double(index) / 16_000
            var value = 0.0
            for harmonic in 1...12 { value += sin(2 * Double.pi * 150 * Double(harmonic) * t) / Double(harmonic) }
            let envelope = 0.5 + 0.5 * sin(2 * Double.pi * 4 * t)
            let sample = Int16(clamping: Int(3000 * envelope * value) + Int.random(in: -200...200, using: &generator))
            bytes[2 * index] = UInt8(truncatingIfNeeded: sample)
            bytes[2 * index + 1] = UInt8(truncatingIfNeeded: UInt16(bitPattern: sample) >> 8)
        }
        return AudioChunk(format: AudioFormat(encoding: .linear16, sampleRate: .hz16000), bytes: bytes)
    }
}

/// What the loop thread had done at one moment.
struct LoopSnapshot: Sendable {
    var cpuMicroseconds: Double
    var ticks: Int
    var lateTicks: Int
    var skippedTicks: Int
    var sent = 0
    var received = 0
    var delivered = 0
    var concealed = 0
    var sendsFailed = 0
    var rtcp = 0

    static func take(_ streams: [RTPMediaStream], clock: MediaClock) -> LoopSnapshot {
        var usage = rusage()
        getrusage(__rusage_who_t(1), &usage)  // RUSAGE_THREAD (<sys/resource.h>), hidden behind _GNU_SOURCE
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        var snapshot = LoopSnapshot(cpuMicroseconds: cpu, ticks: clock.ticks, lateTicks: clock.lateTicks, skippedTicks: clock.skippedTicks)
        for stream in streams {
            let stats = stream.statistics
            snapshot.sent += stats.packetsSent
            snapshot.received += stats.packetsReceived
            snapshot.delivered += stats.framesDelivered
            snapshot.concealed += stats.framesConcealed
            snapshot.sendsFailed += stats.sendsFailed
            snapshot.rtcp += stats.rtcpSent + stats.rtcpReceived
        }
        return snapshot
    }
}

/// N streams on one loop, in pairs sending to each other over loopback, each with agent audio queued,
/// so every stream sends and receives 50 packets a second: the loop thread's CPU, the media clock's
/// late and skipped ticks, and packets sent against what 50/s would give.
enum StreamsBench {
    /// `silent`: no agent audio is queued, so every packet out is a G.711 silence packet
    /// (`RTPSilencePolicy.sendSilence`, the agent listening to a caller's long monologue).
    static func run(streamCount: Int, seconds: Int, codec: RTPAudioCodec = .pcmu, silent: Bool = false) async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "bench-rtp")
        let loop = group.loops[0]
        let delegate = NullDelegate()
        let queuedSeconds = seconds + 5
        let streams: [RTPMediaStream] = try await loop.submit {
            var streams: [RTPMediaStream] = []
            for _ in 0..<streamCount {
                streams.append(try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: 40_000...59_999))
            }
            let audio = codec == .opus ? Self.widebandVoiceLike(seconds: queuedSeconds)
                : AudioChunk(format: .telephony, bytes: [UInt8](repeating: 0x7E, count: 8000 * queuedSeconds))
            for (index, stream) in streams.enumerated() {
                let partner = streams[index ^ 1 < streams.count ? index ^ 1 : index]
                stream.start(RTPMediaParameters(codec: codec, payloadType: codec == .opus ? 111 : nil, remote: partner.localAddress,
                                                deliveredSampleRate: codec.pcmSampleRate), delegate: delegate)
                if !silent { stream.send(audio: audio) }
            }
            return streams
        }
        try await Task.sleep(for: .seconds(1))  // warm-up: jitter buffers fill, playout starts
        let before = try await loop.submit { LoopSnapshot.take(streams, clock: MediaClock.current(on: loop)) }
        try await Task.sleep(for: .seconds(seconds))
        let after = try await loop.submit { LoopSnapshot.take(streams, clock: MediaClock.current(on: loop)) }
        let allocations = MallocTrace.count { usleep(2_000_000) }  // main thread idle; the loop runs
        let afterTrace = try await loop.submit { LoopSnapshot.take(streams, clock: MediaClock.current(on: loop)) }
        try await loop.submit { for stream in streams { stream.stop() } }
        await group.shutdownGracefully()

        let expected = streamCount * 50 * seconds
        let cpu = after.cpuMicroseconds - before.cpuMicroseconds
        let perStreamSecond = cpu / Double(streamCount * seconds)
        let tracedFrames = (afterTrace.sent - after.sent) + (afterTrace.delivered - after.delivered)
        print("  \(streamCount) \(codec.rawValue) streams\(silent ? " (agent silent: silence packets)" : ""), \(seconds) s: ticks \(after.ticks - before.ticks) (expected \(50 * seconds)), "
              + "late \(after.lateTicks - before.lateTicks), skipped \(after.skippedTicks - before.skippedTicks)")
        print("    packets sent \(after.sent - before.sent) of \(expected) expected, received \(after.received - before.received), "
              + "frames delivered \(after.delivered - before.delivered) (concealed \(after.concealed - before.concealed)), "
              + "send failures \(after.sendsFailed - before.sendsFailed)")
        print("    loop thread CPU \(Percentiles.format(cpu / Double(seconds) / 1e4)) % of a core; "
              + "\(Percentiles.format(perStreamSecond)) µs CPU per stream-second = "
              + "\(Percentiles.format(perStreamSecond / 50)) µs per 20 ms tick (one packet out, one in, one frame delivered); "
              + "\((perStreamSecond * 60 / 1e3).rounded()) ms CPU per call-minute")
        let rtcpCompounds = afterTrace.rtcp - after.rtcp
        print("    allocations over 2 s (\(tracedFrames) frames out + in, \(rtcpCompounds) RTCP compounds sent + received): "
              + "\(allocations.map { "\($0), \(rtcpCompounds > 0 ? Percentiles.format(Double($0) / Double(rtcpCompounds)) : "-") per RTCP compound" } ?? "n/a (no MALLOC_TRACE)")")
    }
}
