import Agents
import Net
import SIP
import SwitchboardTesting
import Telephony
import Testing

/// The intake's abuse filter over loopback UDP, with the default `sip.flood` (30 requests in 2 s → 300 s
/// ban) and scanner list: peers bound to 127.0.0.x play other hosts; the trunk admits only 127.0.0.1.
@Suite struct SIPIntakeAbuseTests {
    static func address(_ host: String) -> SocketAddress { SocketAddress(host: host, port: 0)! }

    static func options(_ peer: SIPTestPeer, callID: String, headers: [String] = []) -> String {
        var script = SIPScript(peer: peer)
        script.callID = callID
        return script.request("OPTIONS", cseq: 1, headers: headers)
    }

    /// Sends an OPTIONS from `marker` (a trunk peer) and waits for its 200: the user agent handles
    /// datagrams in order on one loop, so everything sent before it has been handled (and answered).
    static func barrier(_ marker: SIPTestPeer) async throws {
        let callID = "marker-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try await marker.send(options(marker, callID: callID))
        _ = try await marker.inbox.first(within: 10, "marker answered") { $0.response?.headers.callID == callID }
    }

    @Test func scannerUserAgentsGetNoResponseFromAnySource() async throws {
        try await withSIPServer { server, trunkPeer in
            try await Self.withPeer(from: "127.0.0.3", server: server) { stranger in
                try await trunkPeer.send(Self.options(trunkPeer, callID: "scan-1", headers: ["User-Agent: friendly-scanner"]))
                try await stranger.send(Self.options(stranger, callID: "scan-2", headers: ["User-Agent: sipcli/v1.8"]))
                var invite = SIPScript(peer: stranger)
                invite.callID = "scan-3"
                try await stranger.send(invite.invite(branch: SIPScript.branch(), headers: ["User-Agent: SIPVicious 0.3.4"]))
                // Not a scanner: an unknown source's INVITE still gets 403, never a challenge.
                var plain = SIPScript(peer: stranger)
                plain.callID = "plain"
                try await stranger.send(plain.invite(branch: SIPScript.branch(), headers: ["User-Agent: Zoiper"]))
                #expect(try await stranger.finalResponse(.invite, callID: "plain").statusCode == 403)
                try await Self.barrier(trunkPeer)
                let drops = server.events.items.filter { if case .intakeDropped(_, .scanner) = $0 { true } else { false } }
                #expect(drops.count == 3)
                for (peer, callID) in [(trunkPeer, "scan-1"), (stranger, "scan-2"), (stranger, "scan-3")] {
                    let answer = try? await peer.inbox.first(within: 0.2, "answer to \(callID)") { $0.response?.headers.callID == callID }
                    #expect(answer == nil, "\(callID) was answered")
                }
            }
        }
    }

    /// 30 requests per 60 s (not the default 2 s) so that a slow, busy machine earns no tokens while the
    /// burst is handled: the count of dropped requests stays exact whatever the timing.
    static let slowRefill = SIPFloodLimit(maxRequests: 30, windowMilliseconds: 60_000, banSeconds: 300)

    @Test func aFloodingSourceIsBannedWhileTheTrunkKeepsBeingAnswered() async throws {
        try await withSIPServer(flood: Self.slowRefill) { server, trunkPeer in
            try await Self.withPeer(from: "127.0.0.2", server: server) { flooder in
                try await flooder.sendBurst((0..<40).map { Self.options(flooder, callID: "flood-\($0)") })
                try await server.event("127.0.0.2 banned") {
                    if case .sourceBanned(let source, 300) = $0 { source.ip == Self.address("127.0.0.2").ip } else { false }
                }
                try await Self.barrier(trunkPeer)
                let dropped = server.events.items.filter { if case .intakeDropped(_, .banned) = $0 { true } else { false } }.count
                // 30 tokens (plus one refilled every 2 s): the rest was dropped.
                #expect((8...10).contains(dropped), "\(dropped) dropped")

                // The trunk source sends far more than 30 requests in 2 s and every one is answered.
                try await trunkPeer.sendBurst((0..<100).map { Self.options(trunkPeer, callID: "trunk-\($0)") })
                let answered = try await trunkPeer.inbox.collect(100, within: 10, "trunk answers") {
                    $0.response?.statusCode == 200 && $0.response?.headers.callID.hasPrefix("trunk-") == true
                }
                #expect(answered.count == 100)
                // The banned source stays unanswered, an INVITE included.
                var probe = SIPScript(peer: flooder)
                probe.callID = "probe"
                try await flooder.send(probe.invite(branch: SIPScript.branch()))
                try await Self.barrier(trunkPeer)
                let after = server.events.items.filter { if case .intakeDropped(_, .banned) = $0 { true } else { false } }.count
                #expect(after == dropped + 1)
                let answer = try? await flooder.inbox.first(within: 0.2, "answer to the probe") { $0.response?.headers.callID == "probe" }
                #expect(answer == nil)
                let trunkBans = server.events.items.filter {
                    if case .sourceBanned(let source, _) = $0 { source.ip == trunkPeer.local.ip } else { false }
                }
                #expect(trunkBans.isEmpty)
            }
        }
    }

    /// Runs `body` with a UDP peer bound to `host`, closing it afterwards.
    static func withPeer(from host: String, server: SIPTestServer, _ body: (SIPTestPeer) async throws -> Void) async throws {
        let peer = try await SIPTestPeer.udp(to: server.bound.udp!, from: address(host))
        do { try await body(peer) } catch {
            await peer.close()
            throw error
        }
        await peer.close()
    }
}
