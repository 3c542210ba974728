import Foundation
import SwitchboardTesting

/// A headless baresip 1.0 (Debian `baresip-core`, set up as /work/shared/peers.md says) that dials a
/// SIP URI at start, plays a WAV (silence by default) as its microphone, offers `codecs` (G.711, or
/// Opus with its `opus.so` module), and records what it hears with the `sndfile` module
/// (`dump-*-dec.wav` in its folder). Keys written to its standard input during the call are sent
/// as RFC 4733 telephone events; it quits after `seconds` (hanging up with BYE). `answering` makes one
/// that dials nothing and answers the first call at once (`answermode=auto`) on `port`.
struct BaresipPhone {
    static let executable = "/usr/bin/baresip"

    let process: PeerProcess
    let folder: URL
    /// Its SIP port on 127.0.0.1 (UDP).
    let port: Int

    /// `microphone` is a 16-bit mono WAV at the rate baresip's source runs at (8 kHz for G.711; for
    /// Opus `ausrcRate`, which this sets as `ausrc_srate`); it is padded with silence past the call.
    init(dialing uri: String, seconds: Int, codecs: String = "PCMU,PCMA", microphone: [Int16]? = nil, microphoneRate: Int = 8000) throws {
        try self.init(dialing: uri, answering: false, seconds: seconds, codecs: codecs, microphone: microphone,
                      microphoneRate: microphoneRate)
    }

    /// A phone that waits for a call on `sip:callee@127.0.0.1:<port>` and answers it at once.
    static func answering(seconds: Int) throws -> BaresipPhone {
        try BaresipPhone(dialing: nil, answering: true, seconds: seconds, codecs: "PCMU,PCMA", microphone: nil, microphoneRate: 8000)
    }

    private init(dialing uri: String?, answering: Bool, seconds: Int, codecs: String, microphone: [Int16]?, microphoneRate: Int) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sb-baresip-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // baresip binds TCP on the port and TLS on port + 1: an even base leaves the gap.
        let port = 2 * Int.random(in: 12_000...15_000)
        self.port = port
        let rtp = 2 * Int.random(in: 17_500...19_500)
        let wav = folder.appendingPathComponent("microphone.wav")
        // aufile ends the call when its file ends: pad it past the call.
        let padded = (microphone ?? []) + [Int16](repeating: 0, count: microphoneRate * (seconds + 5))
        try Self.wav(padded, rate: microphoneRate).write(to: wav)
        let rateLines = microphoneRate == 8000 ? "" : "ausrc_srate \(microphoneRate)\nausrc_channels 1\n"
        let config = """
            poll_method epoll
            sip_listen 127.0.0.1:\(port)
            sip_trans_def udp
            rtp_ports \(rtp)-\(rtp + 20)
            module_path /usr/lib/baresip/modules
            module stdio.so
            module g711.so
            module opus.so
            module aufile.so
            module aubridge.so
            module sndfile.so
            module_app account.so
            module_app menu.so
            audio_source aufile,\(wav.path)
            audio_player aubridge,spk
            audio_alert aubridge,alert
            snd_path \(folder.path)

            """ + rateLines
        try config.write(to: folder.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let account = answering ? "<sip:callee@127.0.0.1:\(port)>;regint=0;audio_codecs=\(codecs);answermode=auto\n"
            : "<sip:caller@127.0.0.1:\(port)>;regint=0;audio_codecs=\(codecs)\n"
        try account
            .write(to: folder.appendingPathComponent("accounts"), atomically: true, encoding: .utf8)
        try "".write(to: folder.appendingPathComponent("contacts"), atomically: true, encoding: .utf8)
        process = try PeerProcess(Self.executable, ["-f", folder.path, "-t", String(seconds)] + (uri.map { ["-e", "/dial \($0)"] } ?? []))
    }

    /// The decoded recording of what baresip heard (`dump-<time>-dec.wav`), once it exists.
    func recordingPath() -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.first { $0.hasPrefix("dump-") && $0.hasSuffix("-dec.wav") }.map { folder.appendingPathComponent($0).path }
    }

    func remove() {
        process.terminate()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A 16-bit mono WAV of `samples` at `rate`.
    static func wav(_ samples: [Int16], rate: Int) -> Data {
        var data = Data("RIFF".utf8)
        func le<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        le(UInt32(36 + samples.count * 2))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        le(UInt32(16)); le(UInt16(1)); le(UInt16(1)); le(UInt32(rate)); le(UInt32(rate * 2)); le(UInt16(2)); le(UInt16(16))
        data.append(contentsOf: Array("data".utf8))
        le(UInt32(samples.count * 2))
        for sample in samples { le(sample) }
        return data
    }
}
