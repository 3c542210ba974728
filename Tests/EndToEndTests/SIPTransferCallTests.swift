import Foundation
import SwitchboardTesting
import Testing

/// Blind transfer with real phones: baresip calls `switchboard serve`, presses `1`, the agent's keypad
/// intent (`transfer: sip:callee@…`, a second baresip answering at once) says its reply and sends REFER.
/// baresip 1.0 accepts it (202) and reports the outcome in a NOTIFY sipfrag; a 2xx is followed by our BYE
/// (record reason `transferred`), anything else keeps the call (the agent says it could not put the caller
/// through; the record lists the transfer as failed). Found here: baresip 1.0 cannot dial a Refer-To carrying `?` URI headers
/// (our `X-Switchboard-Call-ID`/`-Summary` there): it garbles the URI, fails with "sipsess_connect:
/// Function not implemented" and NOTIFYs `SIP/2.0 500`; so the desk is only checked when the NOTIFY says 2xx.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: BaresipPhone.executable)))
struct SIPTransferCallTests {
    @Test func agentReferOfARealPhoneGetsANotifiedOutcomeThenOurBye() async throws {
        let desk = try BaresipPhone.answering(seconds: 20)
        defer { desk.remove() }
        let setup = try SIPCallTests.Setup(action: "transfer: sip:callee@127.0.0.1:\(desk.port)")
        defer { setup.remove() }
        let (server, sip) = try await SIPCallTests.startServer(setup)
        let phone = try BaresipPhone(dialing: "sip:+15550100@\(sip)", seconds: 20)
        defer { phone.remove() }

        _ = try await phone.process.line(containing: "Call established")
        _ = try await server.line(containing: "sip call event: answered")
        phone.process.writeInput("1")
        _ = try await server.line(containing: "SIP transfer: REFER", timeout: .seconds(20))
        _ = try await phone.process.line(containing: "transferring call", timeout: .seconds(10))
        let result = try await server.line(containing: "SIP transfer result", timeout: .seconds(20))
        let status = result.range(of: "status=").map { Int(result[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
        #expect((200...699).contains(status), "a final sipfrag arrived, not the timeout: \(result)")
        let transferred = (200..<300).contains(status)
        if transferred {
            _ = try await desk.process.line(containing: "Call established", timeout: .seconds(20))
            let ended = try await server.line(containing: "sip call event: ended", timeout: .seconds(10))
            #expect(ended.contains("transferred"), "\(ended)")
        } else {
            server.signal(SIGTERM)  // the failed transfer left the call up: the drain ends it
        }
        // After SIGTERM the call outlasts the 10 s drain before it is ended.
        let record = try await server.line(containing: "[switchboard] call ended", timeout: .seconds(transferred ? 10 : 25))
        #expect(record.contains(transferred ? "reason=transferred" : "target_failed"), "\(record)")
        #expect(record.contains("sip:callee@127.0.0.1"), "the record names the transfer's target: \(record)")
        let history = try await server.line(containing: "call history", timeout: .seconds(10))
        #expect(history.contains(SIPCallTests.keypadReply), "the reply was said before the REFER: \(history)")
        if !transferred { #expect(history.contains("put you through"), "the caller was told: \(history)") }

        if transferred { server.signal(SIGTERM) }
        #expect(try await server.exitStatus(timeout: .seconds(20)) == 0)
    }
}
