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
