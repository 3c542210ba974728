import Testing
@testable import Agents

@Suite struct ListenAddressTests {
    @Test func hostPortFormsAreParsed() {
        #expect(ListenAddress(parsing: "127.0.0.1:8080") == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(ListenAddress(parsing: "[::1]:443") == ListenAddress(host: "::1", port: 443))
        #expect(ListenAddress(parsing: ":9464") == ListenAddress(host: "0.0.0.0", port: 9464))
        #expect(ListenAddress(parsing: "localhost:0")?.port == 0)
        #expect(ListenAddress(host: "::1", port: 443).description == "[::1]:443")
    }

    @Test func malformedAddressesAreRejected() {
        for text in ["localhost", "127.0.0.1:", "127.0.0.1:65536", "::1:80", "[::1]80", "host:-1", "a b:80", "[]:80", "h:0x50"] {
            #expect(ListenAddress(parsing: text) == nil, "\(text) accepted")
        }
    }
}
