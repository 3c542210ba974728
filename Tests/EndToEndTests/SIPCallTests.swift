import Foundation
import SwitchboardTesting
import Testing

/// A real SIP phone (baresip 1.0) calls `switchboard serve` over loopback UDP and talks to an offline
/// agent over RTP (G.711): it records what it hears, presses a key (RFC 4733), and the call ends with a
/// BYE from either side. What it heard is compared with the agent's lines rendered by espeak-ng at
/// 8 kHz (loudness envelopes, normalized cross-correlation); the server's log shows the SIP events and
/// the call record.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: BaresipPhone.executable)))
struct SIPCallTests {
    static let greeting = "Hello, this is the keypad test line."
    static let keypadReply = "You pressed one. Goodbye."
    /// Pearson correlation of 20 ms loudness envelopes above which a recording "contains" a line.
    /// The same espeak-ng audio through µ-law and resampling scores ≥ 0.9; a different sentence of
    /// similar length stays well below (checked in each test as a control).
    static let matchThreshold = 0.8

    /// A config folder: SIP on a free loopback UDP port, one offline agent (pocketsphinx, scripted,
    /// espeak-ng) whose keypad intent `1` replies and ends the call, debug logs (call history, SIP events).
    /// `trunk` lines go under the trunk (6-space indent, e.g. its `outbound:`), `server` lines at the top;
    /// `action` is what the keypad intent does after its reply.
    struct Setup {
        let folder: URL
        /// `codecs` is the `sip.codecs` line's list (the server's default order when nil).
        init(trunk: String = "", server: String = "", action: String = "end_call: true", codecs: String? = nil) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sb-sip-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("agents"), withIntermediateDirectories: true)
            try """
                listeners:
                  http: 127.0.0.1:0
                sip:
                  listen:
                    udp: 127.0.0.1:0
                  rtp_ports: 30000-39999
                \(codecs.map { "  codecs: [\($0)]" } ?? "")
                  trunks:
                    - name: loopback
                      allow: [127.0.0.1/32]
                \(trunk)
                agents_folder: agents
                default_agent: keypad
                logging:
                  level: debug
                \(server)
                """.write(to: folder.appendingPathComponent("switchboard.yaml"), atomically: true, encoding: .utf8)
            try """
                name: keypad
                greeting: \(SIPCallTests.greeting)
                stt:
                  - kind: pocketsphinx
                llm:
                  - kind: scripted
                tts:
                  - kind: espeak
                    settings:
                      voice: en-us
                turn_taking:
                  # A key pressed during the greeting waits for it to finish.
                  barge_in: false
                  no_input_timeout_ms: 30000
                scripted:
                  fallback_reply: Sorry.
                  intents:
                    - name: one
                      patterns: [press one]
                      dtmf: "1"
                      reply: \(SIPCallTests.keypadReply)
                      \(action)
                """.write(to: folder.appendingPathComponent("agents/keypad.yaml"), atomically: true, encoding: .utf8)
        }
        var config: String { folder.appendingPathComponent("switchboard.yaml").path }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// Starts the server and returns it with its SIP UDP address.
    static func startServer(_ setup: Setup) async throws -> (server: ChildProcess, sip: String) {
        let server = try await ServeCommandTests.startServer(["--config", setup.config, "--http", "127.0.0.1:0"]).process
        let line = try #require(server.lines.first { $0.contains("sip listening") })
        let address = try #require(line.range(of: "udp=").map { line[$0.upperBound...].prefix { !$0.isWhitespace } })
        return (server, String(address))
    }

    /// The server's one line per ended call (the call record), not the SIP layer's "SIP call ended".
    static func callRecord(_ server: ChildProcess, within timeout: Duration = .seconds(10)) async throws -> String {
        try await server.line(containing: "[switchboard] call ended", timeout: timeout)
    }

    /// `text` as espeak-ng says it (the agent's voice), as an 8 kHz envelope.
    static func reference(_ text: String, _ setup: Setup, name: String) async throws -> SpeechEnvelope {
        let raw = setup.path(name + ".22k.wav"), narrow = setup.path(name + ".wav")
        #expect(try await ServeCommandTests.run("/usr/bin/env", ["espeak-ng", "-v", "en-us", "-w", raw, "--", text]).status == 0)
        #expect(try await ServeCommandTests.run("/usr/bin/env", ["sox", raw, "-r", "8000", "-c", "1", "-b", "16", narrow]).status == 0)
        let wav = try WAVFile(path: narrow)
        return SpeechEnvelope(samples: wav.samples, sampleRate: wav.sampleRate)
    }

    /// What baresip heard, once it has exited (its recording is then complete).
    static func recording(of phone: BaresipPhone) async throws -> SpeechEnvelope {
        let path = try #require(phone.recordingPath(), "no dump-*-dec.wav in \(phone.folder.path)")
        let wav = try WAVFile(path: path)
        #expect(wav.sampleRate == 8000)
        return SpeechEnvelope(samples: wav.samples, sampleRate: wav.sampleRate)
    }

    @Test func phonePressesAKeyHearsGreetingThenReplyAndTheAgentHangsUp() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let (server, sip) = try await Self.startServer(setup)
        let phone = try BaresipPhone(dialing: "sip:+15550100@\(sip)", seconds: 40)
        defer { phone.remove() }

        _ = try await phone.process.line(containing: "Call established")
        _ = try await server.line(containing: "sip call event: answered")
        phone.process.writeInput("1")  // baresip's menu sends a key typed during a call as RFC 4733
        _ = try await server.line(containing: "sip call event: digit", timeout: .seconds(20))
        // The agent says its reply, then hangs up: our BYE ends the call, baresip sees it.
        let ended = try await server.line(containing: "sip call event: ended", timeout: .seconds(30))
        #expect(ended.contains("localBye"), "\(ended)")
        let record = try await Self.callRecord(server)
        #expect(record.contains("reason=agentEnded"), "\(record)")
        // pocketsphinx refuses 8 kHz: the media delivered 16 kHz frames, so the STT never failed.
        #expect(!record.contains("provider_failures"), "\(record)")
        let history = try await server.line(containing: "call history", timeout: .seconds(10))
        #expect(history.contains("[keypad] 1") && history.contains(Self.keypadReply), "\(history)")
        _ = try await phone.process.line(containing: "session closed", timeout: .seconds(10))
        phone.process.writeInput("q")
        _ = await phone.process.exitStatus()

        let heard = try await Self.recording(of: phone)
        let greeting = try await Self.reference(Self.greeting, setup, name: "greeting")
        let reply = try await Self.reference(Self.keypadReply, setup, name: "reply")
        let control = try await Self.reference("The quick brown fox jumps over a dog.", setup, name: "control")
        let greetingMatch = heard.bestMatch(of: greeting)
        let replyMatch = heard.bestMatch(of: reply, from: greetingMatch.offset + (greeting.speechSpan()?.upperBound ?? 0) * 0.9)
        let controlMatch = heard.bestMatch(of: control)
        print("[sip] heard \(heard.seconds) s; greeting r=\(greetingMatch.correlation) at \(greetingMatch.offset) s, "
              + "reply r=\(replyMatch.correlation) at \(replyMatch.offset) s, control r=\(controlMatch.correlation)")
        #expect(greetingMatch.correlation >= Self.matchThreshold)
        #expect(replyMatch.correlation >= Self.matchThreshold)
        #expect(controlMatch.correlation < greetingMatch.correlation - 0.15, "the measure tells sentences apart")
        // The greeting starts at once, and the reply follows it (the key waited for it). We send silence
        // packets between talkspurts, so the recording (sndfile writes frames as they arrive) keeps the
        // call's timing.
        #expect(greetingMatch.offset < 1.5)
        let greetingEnd = greetingMatch.offset + (greeting.speechSpan()?.upperBound ?? 0)
        #expect(replyMatch.offset > greetingEnd && replyMatch.offset < greetingEnd + 5)
        // Nothing but silence before the greeting and after the reply.
        let window = SpeechEnvelope.windowSeconds
        #expect(heard.speechSpan(in: 0..<Int(greetingMatch.offset / window))?.upperBound == nil)
        let replyEnd = replyMatch.offset + (reply.speechSpan()?.upperBound ?? 0) + 0.2
        if Int(replyEnd / window) < heard.decibels.count {
            #expect(heard.speechSpan(in: Int(replyEnd / window)..<heard.decibels.count) == nil)
        }

        server.signal(SIGTERM)
        #expect(try await server.exitStatus(timeout: .seconds(20)) == 0)
    }

    @Test func phoneHangsUpAfterTheGreetingAndTheCallRecordSaysCallerHungUp() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let (server, sip) = try await Self.startServer(setup)
        // baresip quits (BYE) after 5 s: the greeting (about 2 s) has played by then.
        let phone = try BaresipPhone(dialing: "sip:+15550100@\(sip)", seconds: 5)
        defer { phone.remove() }

        _ = try await phone.process.line(containing: "Call established")
        let ended = try await server.line(containing: "sip call event: ended", timeout: .seconds(20))
        #expect(ended.contains("remoteBye"), "\(ended)")
        let record = try await Self.callRecord(server)
        #expect(record.contains("reason=callerHungUp"), "\(record)")
        _ = await phone.process.exitStatus()

        let heard = try await Self.recording(of: phone)
        let greeting = try await Self.reference(Self.greeting, setup, name: "greeting")
        let match = heard.bestMatch(of: greeting)
        print("[sip] heard \(heard.seconds) s; greeting r=\(match.correlation) at \(match.offset) s")
        #expect(match.correlation >= Self.matchThreshold)
        #expect(match.offset < 1.5)

        server.signal(SIGTERM)
        #expect(try await server.exitStatus(timeout: .seconds(20)) == 0)
    }
}
