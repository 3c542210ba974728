import Foundation
import Net
import SIP
import SwitchboardTesting
import Telephony
import Testing

/// baresip (a real SIP user agent, Debian's baresip-core) calls the user agent over UDP: signalling only
/// (the placeholder media binds a port and plays nothing). Headless configuration per /work/shared/peers.md.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: Baresip.executable)))
struct BaresipInteropTests {
    @Test func baresipCallIsAnsweredAndItsByeEndsTheCall() async throws {
        let server = try await SIPTestServer.start()
        let baresip = try Baresip(dialing: server.bound.udp!, seconds: 4)
        try await server.event("answered") { if case .answered = $0 { true } else { false } }
        _ = try await baresip.process.line(containing: "Call established")
        try await server.event("ended by baresip") {
            if case .ended(_, .remoteBye) = $0 { true } else { false }
        }
        _ = try await baresip.process.line(containing: "terminated")
        _ = try await server.records.records.wait(for: "record") { $0.first?.endReason == .callerHungUp }
        baresip.stop()
        await server.stop()
    }

    @Test func ourByeEndsBaresipsCall() async throws {
        let server = try await SIPTestServer.start()
        let baresip = try Baresip(dialing: server.bound.udp!, seconds: 30)
        let answered = try await server.event("answered") { if case .answered = $0 { true } else { false } }
        guard case .answered(let callID, _) = answered else { return }
        _ = try await baresip.process.line(containing: "Call established")
        let session = try #require(server.registry.session(callID: callID))
        await session.terminate(.agentEnded)
        // baresip reports a BYE it received as "session closed: Connection reset by peer".
        _ = try await baresip.process.line(containing: "session closed")
        try await server.event("ended by us") { $0 == .ended(callID: callID, reason: .localBye) }
        try await waitUntil("BYE answered") { await server.service.agent.pendingClientTransactions == 0 }
        baresip.stop()
        await server.stop()
    }

    @Test func baresipCancelsWhileRinging() async throws {
        let server = try await SIPTestServer.start(ringMilliseconds: 30_000)
        let baresip = try Baresip(dialing: server.bound.udp!, seconds: 30)
        try await server.event("ringing") { if case .ringing = $0 { true } else { false } }
        _ = try await baresip.process.line(containing: "180 Ringing")
        baresip.process.writeInput("b")  // baresip's menu: hang up the current call (CANCEL while ringing)
        try await server.event("cancelled") { if case .cancelled = $0 { true } else { false } }
        #expect(await server.service.agent.callCount == 0)
        baresip.stop()
        await server.stop()
    }

    @Test func baresipFromADisallowedAddressGets403() async throws {
        let server = try await SIPTestServer.start(allow: ["192.0.2.0/24"])
        let baresip = try Baresip(dialing: server.bound.udp!, seconds: 30)
        _ = try await baresip.process.line(containing: "403")
        try await server.event("refused") { if case .refused(_, 403, _) = $0 { true } else { false } }
        #expect(server.mediaOpened == 0)
        baresip.stop()
        await server.stop()
    }
}

/// One headless baresip with a private config folder, dialing `+15550100` at the server at start and
/// quitting after `seconds`.
struct Baresip {
    static let executable = "/usr/bin/baresip"

    let process: PeerProcess
    let folder: URL
    /// baresip's SIP port on 127.0.0.1.
    let port: Int

    init(dialing server: SocketAddress, seconds: Int) throws {
        try self.init(dialing: Optional(server), seconds: seconds)
    }

    /// Dials `server` at start when given; otherwise waits and, with `autoAnswer`, answers calls.
    init(dialing server: SocketAddress?, seconds: Int, autoAnswer: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("baresip-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // It also binds TCP on the port and TLS on port+1: a random even base leaves the gap.
        let port = 2 * Int.random(in: 12_000...15_000)
        self.port = port
        let rtp = 2 * Int.random(in: 17_500...19_500)
        let wav = folder.appendingPathComponent("silence.wav")
        try Self.silence(seconds: seconds + 5).write(to: wav)
        let config = """
            poll_method epoll
            sip_listen 127.0.0.1:\(port)
            sip_trans_def udp
            rtp_ports \(rtp)-\(rtp + 20)
            module_path /usr/lib/baresip/modules
            module stdio.so
            module g711.so
            module aufile.so
            module aubridge.so
            module_app account.so
            module_app menu.so
            audio_source aufile,\(wav.path)
            audio_player aubridge,spk
            audio_alert aubridge,alert
            """
        try config.write(to: folder.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try "<sip:caller@127.0.0.1:\(port)>;regint=0;audio_codecs=PCMU,PCMA\(autoAnswer ? ";answermode=auto" : "")\n"
            .write(to: folder.appendingPathComponent("accounts"), atomically: true, encoding: .utf8)
        try "".write(to: folder.appendingPathComponent("contacts"), atomically: true, encoding: .utf8)
        let dial = server.map { ["-e", "/dial sip:+15550100@\($0.host):\($0.port)"] } ?? []
        process = try PeerProcess(Self.executable, ["-f", folder.path, "-t", String(seconds)] + dial)
    }

    func stop() {
        process.terminate()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A 16-bit 8 kHz mono WAV of silence (baresip's aufile ends the call at the end of its file).
    static func silence(seconds: Int) -> Data {
        let samples = 8000 * seconds
        var data = Data("RIFF".utf8)
        func le<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        le(UInt32(36 + samples * 2))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        le(UInt32(16)); le(UInt16(1)); le(UInt16(1)); le(UInt32(8000)); le(UInt32(16000)); le(UInt16(2)); le(UInt16(16))
        data.append(contentsOf: Array("data".utf8))
        le(UInt32(samples * 2))
        data.append(Data(count: samples * 2))
        return data
    }
}
