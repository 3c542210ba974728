import SIP

/// Raw SIP text for one call of a scripted peer: the INVITE and everything that follows it in the dialog.
struct SIPScript {
    let peer: SIPTestPeer
    var callID = "call-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    var fromTag = "ftag" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    var user = "+15550100"

    init(peer: SIPTestPeer) { self.peer = peer }

    static func branch() -> String { "z9hG4bK" + String(UInt64.random(in: 0...UInt64.max), radix: 36) }

    static let pcmuOffer = offer(formats: "0 8 101", lines: ["a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
                                                             "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16"])

    static func offer(formats: String, lines: [String], direction: String = "sendrecv", version: Int = 1) -> String {
        (["v=0", "o=peer 42 \(version) IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
          "m=audio 40000 RTP/AVP \(formats)"] + lines + ["a=\(direction)"]).joined(separator: "\r\n") + "\r\n"
    }

    var via: String { "Via: SIP/2.0/\(peer.transport) 127.0.0.1:\(peer.local.port);rport;branch=" }
    var requestURI: String { "sip:\(user)@127.0.0.1:\(peer.server.port)" }

    func request(_ method: String, cseq: Int, branch: String = SIPScript.branch(), toTag: String? = nil,
                 cseqMethod: String? = nil, headers: [String] = [], contentType: String? = nil, body: String = "") -> String {
        var lines = ["\(method) \(requestURI) SIP/2.0", via + branch, "Max-Forwards: 70",
                     "From: <sip:caller@127.0.0.1>;tag=\(fromTag)",
                     "To: <sip:\(user)@127.0.0.1>" + (toTag.map { ";tag=\($0)" } ?? ""),
                     "Call-ID: \(callID)", "CSeq: \(cseq) \(cseqMethod ?? method)",
                     "Contact: <sip:caller@127.0.0.1:\(peer.local.port)>"]
        lines += headers
        if let contentType { lines.append("Content-Type: \(contentType)") }
        lines.append("Content-Length: \(body.utf8.count)")
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    func invite(branch: String, sdp: String = SIPScript.pcmuOffer, cseq: Int = 1, headers: [String] = []) -> String {
        request("INVITE", cseq: cseq, branch: branch, headers: headers, contentType: "application/sdp", body: sdp)
    }

    /// Sends an INVITE and returns its branch.
    @discardableResult
    func sendInvite(sdp: String = SIPScript.pcmuOffer, cseq: Int = 1, headers: [String] = []) async throws -> String {
        let branch = Self.branch()
        try await peer.send(invite(branch: branch, sdp: sdp, cseq: cseq, headers: headers))
        return branch
    }

    /// INVITE, then the 200 OK, then ACK: returns the 200 OK (its To tag is the dialog's remote tag).
    func establish() async throws -> SIPResponse {
        try await sendInvite()
        let ok = try await peer.response(200)
        try await peer.send(request("ACK", cseq: 1, toTag: ok.headers.to.tag))
        return ok
    }
}
