import Foundation
import SwitchboardTesting
import Testing

/// `switchboard call`: the CLI asks a running `switchboard serve` (with `api.token` and an outbound
/// trunk) to call a real phone, baresip 1.0 answering at once; the agent's greeting reaches the phone.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: BaresipPhone.executable)))
struct SIPCallCommandTests {
    static let token = "e2e-token-5b1f"

    @Test func callCommandPlacesAnAnsweredCallThePhoneHearsTheGreetingAndAWrongTokenIsRefused() async throws {
        // baresip quits (BYE) 16 s after it starts, not after it answers: the server's start and the refused
        // call come first (several seconds on a busy machine), and the greeting (about 2 s) must fit after.
        let phone = try BaresipPhone.answering(seconds: 16)
        defer { phone.remove() }
        let setup = try SIPCallTests.Setup(trunk: """
                  outbound:
                    proxy: 127.0.0.1:\(phone.port)
                    caller_id: "+15550100"
            """, server: """
            api:
              token: "${SWITCHBOARD_API_TOKEN}"
            """)
        defer { setup.remove() }
        let started = try await ServeCommandTests.startServer(["--config", setup.config, "--http", "127.0.0.1:0"],
                                                              environment: ["SWITCHBOARD_API_TOKEN": Self.token])
        let server = started.process
        let binary = try SwitchboardBinary.path()
        let arguments = ["call", "keypad", "sip:callee@127.0.0.1:\(phone.port)", "--server", "http://\(started.http)",
                         "--ring-timeout", "10"]

        let wrong = try ChildProcess(binary, arguments, environment: ["SWITCHBOARD_API_TOKEN": "not-the-token"])
        let wrongStatus = try await wrong.exitStatus()
        #expect(wrongStatus != 0)
        #expect(wrong.lines.contains { $0.contains("401") }, "\(wrong.lines)")

        let call = try ChildProcess(binary, arguments, environment: ["SWITCHBOARD_API_TOKEN": Self.token])
        let status = try await call.exitStatus(timeout: .seconds(30))
        #expect(status == 0, "\(call.lines)")
        #expect(call.lines.contains { $0.contains("answered") }, "\(call.lines)")
        _ = try await phone.process.line(containing: "Call established", timeout: .seconds(10))
        // baresip's BYE at its -t ends the call; its recording is then complete.
        let record = try await SIPCallTests.callRecord(server, within: .seconds(25))
        #expect(record.contains("reason=callerHungUp"), "\(record)")
        _ = await phone.process.exitStatus()

        let heard = try await SIPCallTests.recording(of: phone)
        let greeting = try await SIPCallTests.reference(SIPCallTests.greeting, setup, name: "greeting")
        let match = heard.bestMatch(of: greeting)
        print("[sip-call] heard \(heard.seconds) s; greeting r=\(match.correlation) at \(match.offset) s")
        #expect(match.correlation >= SIPCallTests.matchThreshold)

        server.signal(SIGTERM)
        #expect(try await server.exitStatus(timeout: .seconds(20)) == 0)
    }
}
