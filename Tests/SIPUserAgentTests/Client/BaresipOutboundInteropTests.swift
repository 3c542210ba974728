import Agents
import Foundation
import Net
import SIP
import SwitchboardTesting
import Telephony
import Testing

/// Our outbound INVITE answered by a real SIP user agent: baresip with `answermode=auto`.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: Baresip.executable)))
struct BaresipOutboundInteropTests {
    @Test func baresipAnswersOurCallAndOurByeEndsIt() async throws {
        let baresip = try Baresip(dialing: nil, seconds: 30, autoAnswer: true)
        let outbound = SIPOutbound(proxy: "127.0.0.1:\(baresip.port)", callerID: "switchboard", domain: "127.0.0.1")
        let server: SIPTestServer
        do { server = try await SIPTestServer.start(outbound: outbound) } catch {
            baresip.stop()
            throw error
        }
        do {
            let updates = EventLog<SIPOutboundCallUpdate>()
            // Sent before baresip may be listening: UDP retransmissions (Timer A) cover its start-up.
            let callID = try await server.service.agent.placeCall(
                SIPOutboundCallRequest(agent: "tester", to: "sip:caller@127.0.0.1:\(baresip.port)")) { updates.record($0) }
            let final = try await updates.first(within: 15) { $0.status.isFinal }
            #expect(final.status == .answered && final.sipStatus == 200)
            _ = try await baresip.process.line(containing: "Call established")
            // `answered` is reported before the session exists; the `answered` event comes after it.
            try await server.event("session started") { $0 == .answered(callID: callID, agent: "tester") }
            let session = try #require(server.registry.session(callID: callID))
            await session.terminate(.agentEnded)
            _ = try await baresip.process.line(containing: "session closed")
            try await server.event("ended by us") { $0 == .ended(callID: callID, reason: .localBye) }
            #expect(try await updates.first(within: 10) { _ in true }.status == .ended)
        } catch {
            baresip.stop()
            await server.stop()
            throw error
        }
        baresip.stop()
        await server.stop()
    }

    /// The trunk's `transport: tcp`: the INVITE, baresip's answer, our ACK and BYE all go over one TCP
    /// connection to baresip (which listens on TCP on its SIP port as well).
    @Test func baresipAnswersOurCallOverTCP() async throws {
        let baresip = try Baresip(dialing: nil, seconds: 30, autoAnswer: true)
        let outbound = SIPOutbound(proxy: "127.0.0.1:\(baresip.port)", callerID: "switchboard", domain: "127.0.0.1", transport: .tcp)
        let server: SIPTestServer
        do { server = try await SIPTestServer.start(outbound: outbound) } catch {
            baresip.stop()
            throw error
        }
        do {
            // No retransmissions over TCP: wait until baresip listens.
            _ = try await baresip.process.line(containing: "baresip is ready")
            let updates = EventLog<SIPOutboundCallUpdate>()
            let callID = try await server.service.agent.placeCall(
                SIPOutboundCallRequest(agent: "tester", to: "sip:caller@127.0.0.1:\(baresip.port);transport=tcp")) { updates.record($0) }
            let final = try await updates.first(within: 15) { $0.status.isFinal }
            #expect(final.status == .answered && final.sipStatus == 200)
            _ = try await baresip.process.line(containing: "Call established")
            #expect(await server.service.agent.clientConnectionCount == 1)
            let session = try #require(server.registry.session(callID: callID))
            await session.terminate(.agentEnded)
            _ = try await baresip.process.line(containing: "session closed")
            try await server.event("ended by us") { $0 == .ended(callID: callID, reason: .localBye) }
            #expect(try await updates.first(within: 10) { $0.status == .ended }.status == .ended)
        } catch {
            baresip.stop()
            await server.stop()
            throw error
        }
        baresip.stop()
        await server.stop()
    }
}
