import Foundation
import Media
import SwitchboardTesting
import Testing

/// A real SIP phone (baresip 1.0 with its `opus.so`) offering only Opus calls `switchboard serve` and
/// says an intent phrase of the offline agent (espeak-ng speech as its microphone, 16 kHz). The server
/// answers with Opus (RFC 7587), decodes the phone's audio to 16 kHz for pocketsphinx, and the agent
/// understands it: the call history holds the intent's reply, the agent hangs up, and what the phone
/// heard (decoded from our Opus) transcribes offline to the agent's lines.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: BaresipPhone.executable)
                               && FileManager.default.fileExists(atPath: "/usr/lib/baresip/modules/opus.so")))
struct SIPOpusCallTests {
    /// The phone speaks after the greeting (about 2.5 s) has played.
    static let speechStartSeconds = 4
    /// A faint noise floor under the phone's microphone (about −54 dBFS): a real line is never all zeros.
    static let noiseAmplitude = 64

    /// "press one" as espeak-ng says it, at 16 kHz, after `speechStartSeconds` of faint noise.
    static func microphone(_ setup: SIPCallTests.Setup) async throws -> [Int16] {
        let raw = setup.path("caller.22k.wav"), wide = setup.path("caller.wav")
        #expect(try await ServeCommandTests.run("/usr/bin/env", ["espeak-ng", "-v", "en-us", "-w", raw, "--", "press one"]).status == 0)
        #expect(try await ServeCommandTests.run("/usr/bin/env", ["sox", raw, "-r", "16000", "-c", "1", "-b", "16", wide]).status == 0)
        let speech = try WAVFile(path: wide).samples
        let lead = [Int16](repeating: 0, count: 16_000 * speechStartSeconds)
        return (lead + speech + [Int16](repeating: 0, count: 16_000 * 2)).map {
            Int16(clamping: Int($0) + Int.random(in: -noiseAmplitude...noiseAmplitude))
        }
    }

    @Test func opusPhoneSaysAnIntentPhraseAndTheAgentUnderstandsIt() async throws {
        let setup = try SIPCallTests.Setup(codecs: "opus, PCMU, PCMA")
        defer { setup.remove() }
        let (server, sip) = try await SIPCallTests.startServer(setup)
        let phone = try BaresipPhone(dialing: "sip:+15550100@\(sip)", seconds: 30, codecs: "opus",
                                     microphone: try await Self.microphone(setup), microphoneRate: 16_000)
        defer { phone.remove() }

        _ = try await phone.process.line(containing: "Call established")
        _ = try await server.line(containing: "sip call event: answered")
        // The agent heard "press one" (no key pressed), replied, and hung up.
        let ended = try await server.line(containing: "sip call event: ended", timeout: .seconds(30))
        #expect(ended.contains("localBye"), "\(ended)")
        let record = try await SIPCallTests.callRecord(server)
        #expect(record.contains("reason=agentEnded"), "\(record)")
        #expect(!record.contains("provider_failures"), "\(record)")
        let history = try await server.line(containing: "call history", timeout: .seconds(10))
        #expect(history.contains("press one") && history.contains(SIPCallTests.keypadReply), "\(history)")
        #expect(!history.contains("[keypad]"), "understood from speech, not a key: \(history)")
        _ = try await phone.process.line(containing: "session closed", timeout: .seconds(10))
        phone.process.writeInput("q")
        _ = await phone.process.exitStatus()
        // baresip negotiated Opus (it offered nothing else) and decoded our Opus into its recording.
        let path = try #require(phone.recordingPath(), "no dump-*-dec.wav in \(phone.folder.path)")
        // Its decoder runs at 48 kHz (maybe stereo): sox makes 16 kHz mono for the transcriber.
        let narrowed = setup.path("heard16k.wav")
        #expect(try await ServeCommandTests.run("/usr/bin/env", ["sox", path, "-r", "16000", "-c", "1", "-b", "16", narrowed]).status == 0)
        let heard = try WAVFile(path: narrowed)
        print("[sip-opus] heard \(Double(heard.samples.count) / 16_000) s; \(history)")
        // We send no RTP in silence and sndfile writes what arrives, so the reply follows the greeting
        // with hardly a pause in the recording: the two together are a phrase too.
        let lines = [SIPCallTests.greeting, SIPCallTests.keypadReply]
        let transcript = try await OfflineTranscriber(replies: lines + [lines.joined(separator: " ")]).transcribe(heard.samples)
        print("[sip-opus] transcript: \(transcript)")
        #expect(transcript.contains("you pressed one") && transcript.contains("goodbye"), "\(transcript)")

        server.signal(SIGTERM)
        #expect(try await server.exitStatus(timeout: .seconds(20)) == 0)
    }
}
