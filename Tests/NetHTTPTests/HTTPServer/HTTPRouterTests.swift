@testable import Net
import Testing

extension NetHTTPTests {
    /// Route resolution without sockets.
    @Suite struct HTTPRouterTests {
        static func router() -> HTTPRouter {
            var router = HTTPRouter()
            router.get("/healthz") { _ in .text("ok") }
            router.add("POST", "/calls") { _ in .text("post") }
            router.add("DELETE", "/calls") { _ in .text("delete") }
            router.addPrefix("GET", "/static/") { _ in .text("static") }
            router.addPrefix("GET", "/static/img/") { _ in .text("img") }
            router.webSocket("/twilio") { _ in nil }
            return router
        }

        static func label(_ method: String, _ path: Substring) -> String {
            switch router().resolve(method: method, path: path) {
            case .handler(_, let label): "handler \(label)"
            case .webSocket(_, let label): "websocket \(label)"
            case .methodNotAllowed(let allow, let label): "405 \(label) allow \(allow)"
            case .notFound: "404"
            }
        }

        @Test func exactPathsWinThenTheLongestPrefix() {
            #expect(Self.label("GET", "/healthz") == "handler /healthz")
            #expect(Self.label("GET", "/static/img/a.png") == "handler /static/img/*")
            #expect(Self.label("GET", "/static/site.css") == "handler /static/*")
            #expect(Self.label("GET", "/healthz/") == "404")
            #expect(Self.label("GET", "/twilio") == "websocket /twilio")
        }

        @Test func headFallsBackToGetAndOtherMethodsListWhatIsAllowed() {
            #expect(Self.label("HEAD", "/healthz") == "handler /healthz")
            #expect(Self.label("POST", "/healthz") == "405 /healthz allow GET, HEAD")
            #expect(Self.label("GET", "/calls") == "405 /calls allow DELETE, POST")
            #expect(Self.label("PUT", "/static/x") == "405 /static/* allow GET, HEAD")
        }

        @Test func webSocketPathsAreListed() {
            #expect(Self.router().webSocketPaths == ["/twilio"])
        }

        @Test func dateHeaderIsIMFFixdate() {
            #expect(HTTPDateCache.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
            #expect(HTTPDateCache.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        }
    }
}
