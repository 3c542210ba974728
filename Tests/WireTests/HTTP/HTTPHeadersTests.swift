import Testing
import Wire

@Suite struct HTTPHeadersTests {
    @Test func listElementsSplitCommasTrimAndDropEmpties() {
        let headers: HTTPHeaders = ["Connection": "keep-alive, , Upgrade", "connection": "  close "]
        #expect(headers.listElements(for: "CONNECTION") == ["keep-alive", "Upgrade", "close"])
        #expect(headers.containsToken("upgrade", in: "connection"))
        #expect(!headers.containsToken("upgrad", in: "connection"))
    }

    @Test func replaceOrAddRemovesEveryCaseVariant() {
        var headers: HTTPHeaders = ["A": "1", "content-length": "3", "B": "2", "Content-Length": "4"]
        headers.replaceOrAdd(name: "Content-Length", value: "9")
        #expect(headers.fields.map(\.name) == ["A", "B", "Content-Length"])
        #expect(headers["CONTENT-LENGTH"] == "9")
        headers.remove(name: "a")
        #expect(headers.count == 2)
    }

    /// Only A–Z fold: "@" and "`" (0x40/0x60) or "_" and DEL differ by the case bit but are not letters.
    @Test func caseFoldingTouchesOnlyLetters() {
        let headers: HTTPHeaders = ["X@": "at", "X_": "underscore"]
        #expect(headers["x`"] == nil)
        #expect(headers["x\u{7F}"] == nil)
        #expect(headers["x@"] == "at")
    }
}

@Suite struct HTTPTokenTests {
    /// The parser's token bitmaps must match RFC 9110 §5.6.2 exactly: a wrong bit accepts or refuses
    /// method and field-name bytes.
    @Test func everyByteIsClassifiedAsRFC9110Says() {
        let tchar = Set("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        for byte in 0...255 {
            let name = "X" + String(decoding: [UInt8(byte)], as: UTF8.self)
            let request = "GET / HTTP/1.1\r\nHost: h\r\n" + name + ": v\r\n\r\n"
            guard byte < 128, byte != 0x0A, byte != 0x0D, byte != 0x3A else { continue }
            let accepted = Transcripts.requests(request).failure == nil
            #expect(accepted == tchar.contains(UInt8(byte)), "byte \(byte)")
        }
    }
}
