import Foundation
import Media
import Net
import SwitchboardTesting
import Testing
@testable import Telephony

/// Inbound audio made by sox (a 440 Hz tone as raw µ-law) and sent by a separate process (Debian's
/// python3, raw UDP, 20 ms pacing, one packet swapped with the next and one dropped): it comes out of
/// our stream as 20 ms frames of a 440 Hz tone, with the loss concealed and counted.
@Suite struct RTPMediaStreamSoxPeerTests {
    static let sender = """
    import socket, struct, sys, time
    port, path = int(sys.argv[1]), sys.argv[2]
    data = open(path, 'rb').read()
    frames = [data[i:i + 160] for i in range(0, len(data) - 159, 160)]
    packets = [struct.pack('!BBHII', 0x80, 0, 1000 + n, 5000 + 160 * n, 0xC0FFEE) + f for n, f in enumerate(frames)]
    packets[10], packets[11] = packets[11], packets[10]   # reordered
    del packets[20]                                       # lost
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(('127.0.0.1', 0))
    print('ready', flush=True)
    start = time.monotonic()
    for n, p in enumerate(packets):
        time.sleep(max(0, start + n * 0.02 - time.monotonic()))
        s.sendto(p, ('127.0.0.1', port))
    print('sent', len(packets), flush=True)
    """

    @Test func soxToneSentByAnotherProcessArrivesAsToneFramesWithTheLossConcealed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rtp-sox-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tone = directory.appendingPathComponent("tone.ul").path
        let sox = try PeerProcess("/usr/bin/sox", ["-n", "-r", "8000", "-c", "1", "-e", "u-law", "-t", "raw", tone,
                                                   "synth", "1", "sine", "440", "vol", "0.5"])
        #expect(await sox.exitStatus() == 0)

        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-sox")
        let loop = group.loops[0]
        let recorder = StreamRecorder(recordsFrames: true)
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: 33_000...33_999)
            stream.start(RTPMediaParameters(codec: .pcmu, remote: nil, jitterBuffer: .init(depth: .fixed(frames: 3))), delegate: recorder)
            return stream
        }
        let peer = try PeerProcess("/usr/bin/python3", ["-c", Self.sender, String(stream.localPort), tone])
        defer { peer.terminate() }
        _ = try await peer.line(containing: "sent")
        let frames = try await recorder.log.collect(45, within: 20, "45 frames").compactMap(\.samples)
        let loud = frames.filter { Signal.rms($0) > 1000 }
        #expect(loud.count >= 40)
        let samples = loud.flatMap { $0 }
        let tonePower = Signal.power(of: samples, at: 440)
        for other in [220.0, 880, 1000, 2000] { #expect(tonePower > 1000 * Signal.power(of: samples, at: other)) }
        let stats = try await loop.submit { stream.statistics }
        #expect(stats.packetsReceived == 49)
        // Every packet was buffered once (a late one only if the loop stalled past the jitter depth).
        #expect(stats.jitterBuffer.accepted + stats.jitterBuffer.late == 49)
        #expect(stats.jitterBuffer.duplicates == 0)
        #expect(stats.cumulativeLost == 1)
        try await loop.submit { stream.stop() }
        await group.shutdownGracefully()
    }
}
