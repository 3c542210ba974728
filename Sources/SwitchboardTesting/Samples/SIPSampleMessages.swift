/// Typical SIP traffic from a carrier trunk, shared by the SIP tests and switchboard-bench-sip so both
/// exercise the same messages: an SDP offer (PCMU, PCMA, Opus, telephone-event; about 300 bytes) and
/// the INVITE carrying it through one proxy (about 1 KB).
public enum SIPSampleMessages {
    public static let sdpOffer = """
        v=0\r
        o=carrier 4711 4711 IN IP4 198.51.100.7\r
        s=-\r
        c=IN IP4 198.51.100.7\r
        t=0 0\r
        m=audio 40002 RTP/AVP 0 8 111 101\r
        a=rtpmap:0 PCMU/8000\r
        a=rtpmap:8 PCMA/8000\r
        a=rtpmap:111 opus/48000/2\r
        a=fmtp:111 useinbandfec=1\r
        a=rtpmap:101 telephone-event/8000\r
        a=fmtp:101 0-16\r
        a=ptime:20\r
        a=sendrecv\r

        """

    /// The INVITE with `sdpOffer` as its body, CRLF line ends.
    public static var invite: [UInt8] {
        let body = Array(sdpOffer.utf8)
        let head = [
            "INVITE sip:+15550101@switchboard.example.com SIP/2.0",
            "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport",
            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKnashds8;received=192.0.2.1",
            "Max-Forwards: 70",
            "Record-Route: <sip:proxy.carrier.example;lr>",
            "To: <sip:+15550101@switchboard.example.com>",
            "From: \"Alice\" <sip:+15550199@carrier.example>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.carrier.example",
            "CSeq: 314159 INVITE",
            "Contact: <sip:alice@198.51.100.7:5060>",
            "Supported: timer, 100rel",
            "Session-Expires: 1800;refresher=uac",
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS",
            "User-Agent: CarrierSBC/1.0",
            "Content-Type: application/sdp",
            "Content-Length: \(body.count)",
            "", "",
        ].joined(separator: "\r\n")
        return Array(head.utf8) + body
    }
}
