import Net
import SIP

extension SIPTestPeer {
    /// Sends a response to `request` (a request the user agent sent us) back to the user agent's socket.
    func reply(to request: SIPRequest, _ status: Int, toTag: String? = nil, headers: [(String, String)] = [],
               contentType: MediaType? = nil, body: String = "") async throws {
        var response = SIPResponse(replyingTo: request, statusCode: status, toTag: toTag)
        for (name, value) in headers { response.headers.add(name, value) }
        if let contentType {
            response.headers.contentType = contentType
            response.body = Array(body.utf8)
        }
        try await send(String(decoding: SIPSerializer.serialize(.response(response)), as: UTF8.self))
    }

    /// The next request of `method` whose CSeq number is above `after`.
    func request(_ method: SIPMethod, after sequence: UInt32, within seconds: Double = 10) async throws -> SIPRequest {
        try await inbox.first(within: seconds, "\(method) after CSeq \(sequence)") {
            $0.request?.method == method && ($0.request?.headers.cseq.sequence ?? 0) > sequence
        }.request!
    }
}

/// A peer's SDP answer for PCMU.
let peerPCMUAnswer = SIPScript.offer(formats: "0 101", lines: ["a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
                                                              "a=fmtp:101 0-16"])
