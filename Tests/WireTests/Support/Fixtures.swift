/// Byte strings captured from real peers on this machine (Debian bookworm), embedded so the tests
/// stay pure. Capture method: a Python raw-socket listener recorded what the peer sent.
enum Fixtures {
    /// `curl -s http://127.0.0.1:18081/v1/health?probe=1` (curl 7.88.1).
    static let curlGet = "GET /v1/health?probe=1 HTTP/1.1\r\nHost: 127.0.0.1:18081\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n"

    /// `curl -X POST -H "Content-Type: application/json" -H "Authorization: Bearer sk-test" --data …`.
    static let curlPostJSON = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:18081\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nContent-Type: application/json\r\nAuthorization: Bearer sk-test\r\nContent-Length: 37\r\n\r\n{\"model\":\"gpt-4o-mini\",\"stream\":true}"

    /// `curl -H "Transfer-Encoding: chunked" --data-binary @body.txt` with body "hello chunked world\n".
    static let curlChunkedUpload = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:18081\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n14\r\nhello chunked world\n\r\n0\r\n\r\n"

    /// Python websockets 10.4 client (`compression=None`, subprotocol audio.v1) connecting to
    /// ws://127.0.0.1:18082/media?call=42: its upgrade request, then masked frames: text "héllo ✓",
    /// binary bytes 0...159, ping "hb", a text message fragmented as "frag-" + "ment", close 1000.
    static let pythonClientHandshake = [UInt8](hex: """
        474554202f6d656469613f63616c6c3d343220485454502f312e310d0a486f73743a203132372e302e302e313a313830
        38320d0a557067726164653a20776562736f636b65740d0a436f6e6e656374696f6e3a20557067726164650d0a536563
        2d576562536f636b65742d4b65793a205968735a316c2b457a6e7566744f2b3448467a686d673d3d0d0a5365632d5765
        62536f636b65742d56657273696f6e3a2031330d0a5365632d576562536f636b65742d50726f746f636f6c3a20617564
        696f2e76310d0a557365722d4167656e743a20507974686f6e2f332e313120776562736f636b6574732f31302e340d0a
        0d0a
        """)
    static let pythonClientFrames = [UInt8](hex: """
        818a96b5e35efe764a32fadac3bc0a2682fe00a0addf3b7aadde3979a9da3d7da5d63171a1d23575bdce2969b9ca2d6d
        b5c62161b1c225658dfe195989fa1d5d85f6115181f215559dee094999ea0d4d95e6014191e20545ed9e7939e99a7d3d
        e5967131e1927535fd8e6929f98a6d2df5866121f1826525cdbe5919c9ba5d1dc5b65111c1b25515ddae4909d9aa4d0d
        d5a64101d1a245052d5eb9f9295abdfd2556b1f12152b5f53d4ea9e9394aaded3546a1e13142a5e589826b2f23d9034d
        0185cd12abf1ab60ca96e00084d56fc67ab80aa80e80802a7765848882284bc8e02ba3
        """)

    /// Python websockets 10.4 server's answer to the RFC 6455 §1.3 sample key, then its unmasked echo
    /// frames: text "Hello", binary bytes 0..<300 mod 256 (16-bit length), close 1000 "bye".
    static let pythonServerHandshake = [UInt8](hex: """
        485454502f312e312031303120537769746368696e672050726f746f636f6c730d0a557067726164653a20776562736f
        636b65740d0a436f6e6e656374696f6e3a20557067726164650d0a5365632d576562536f636b65742d4163636570743a
        20733370504c4d426954786151396b59477a7a685a52624b2b784f6f3d0d0a446174653a204d6f6e2c203330204e6f76
        20323032362030363a35323a343620474d540d0a5365727665723a20507974686f6e2f332e313120776562736f636b65
        74732f31302e340d0a0d0a
        """)
    static let pythonServerFrames = [UInt8](hex: """
        810548656c6c6f827e012c000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324
        25262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f5051525354
        55565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f8081828384
        85868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4
        b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4
        e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f1011121314
        15161718191a1b1c1d1e1f202122232425262728292a2b880503e8627965
        """)
}
