import Agents
import Foundation
import Net
import SIP
import SwitchboardTesting
@testable import Telephony
import Testing

/// `POST /v1/calls` and `GET /v1/calls/{id}` on a real HTTP server, driven by curl, placing a call that
/// reaches a scripted UAS.
@Suite struct SIPCallControlAPITests {
    /// Runs curl; returns the HTTP status and the body.
    private func curl(_ arguments: [String]) async throws -> (status: Int, body: String) {
        let process = try PeerProcess("/usr/bin/curl", ["-s", "-w", "\n%{http_code}", "--max-time", "10"] + arguments)
        _ = await process.exitStatus()
        let lines = process.lines
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    @Test func postNeedsTheTokenAndPlacesTheCall() async throws {
        let proxy = try await SIPTestPeer.udp(to: .loopbackIPv4())
        let outbound = SIPOutbound(proxy: "127.0.0.1:\(proxy.local.port)", callerID: "+15550199", domain: "carrier.test")
        let server = try await SIPTestServer.start(outbound: outbound)
        proxy.retarget(server.bound.udp!)
        let httpGroup = try EventLoopGroup(loopCount: 1, name: "t-api-http")
        let api = SIPCallControlAPI(token: Secret("t0ken-abc"))
        api.attach(server.service)
        var router = HTTPRouter()
        api.register(on: &router)
        let http = HTTPServer(group: httpGroup)
        do {
            let bound = try await http.listen(on: .loopbackIPv4(), router: router)
            let url = "http://127.0.0.1:\(bound.port)/v1/calls"
            let json = #"{"agent":"tester","to":"+15557654321","variables":{"ticket":"T-9"}}"#
            let missing = try await curl(["-X", "POST", "-d", json, url])
            #expect(missing.status == 401)
            let wrong = try await curl(["-X", "POST", "-H", "Authorization: Bearer t0ken-abd", "-d", json, url])
            #expect(wrong.status == 401)
            let invalid = try await curl(["-X", "POST", "-H", "Authorization: Bearer t0ken-abc", "-d", #"{"to":"1"}"#, url])
            #expect(invalid.status == 400)
            let posted = try await curl(["-X", "POST", "-H", "Authorization: Bearer t0ken-abc", "-d", json, url])
            #expect(posted.status == 202)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(posted.body.utf8)) as? [String: Any])
            let id = try #require(object["call_id"] as? String)
            #expect(object["status"] as? String == "calling")
            let invite = try await proxy.request(.invite)
            #expect(invite.uri.serialized == "sip:+15557654321@carrier.test")
            try await proxy.reply(to: invite, 486, toTag: "busy1")
            _ = try await proxy.request(.ack)
            try await waitUntil("busy reported") { api.book.entry(id)?.status == .busy }
            let state = try await curl(["-H", "Authorization: Bearer t0ken-abc", url + "/" + id])
            #expect(state.status == 200)
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(state.body.utf8)) as? [String: Any])
            #expect(entry["status"] as? String == "busy" && entry["sip_status"] as? Int == 486)
            #expect(entry["sip_call_id"] as? String == invite.headers.callID)
            #expect(try await curl([url + "/" + id]).status == 401)
            #expect(try await curl(["-H", "Authorization: Bearer t0ken-abc", url + "/nope"]).status == 404)
        } catch {
            await httpGroup.shutdownGracefully()
            await server.stop()
            await proxy.close()
            throw error
        }
        _ = await http.shutdown(drainTimeout: .seconds(1), closeTimeout: .seconds(1))
        await httpGroup.shutdownGracefully()
        await server.stop()
        await proxy.close()
    }

    @Test func tokenComparisonIsExact() {
        #expect(SIPCallControlAPI.constantTimeEquals(Array("abc".utf8), Array("abc".utf8)))
        #expect(!SIPCallControlAPI.constantTimeEquals(Array("abd".utf8), Array("abc".utf8)))
        #expect(!SIPCallControlAPI.constantTimeEquals(Array("abcd".utf8), Array("abc".utf8)))
        #expect(!SIPCallControlAPI.constantTimeEquals(Array("ab".utf8), Array("abc".utf8)))
        #expect(!SIPCallControlAPI.constantTimeEquals([], []))
    }
}
