import CCurl

/// The client-wide settings every easy handle gets, and the per-request ones taken from an
/// `HTTPClientRequest`: URL, method, headers, body, connect timeout, TLS trust, HTTP version.
struct CurlEasyOptions: Sendable {
    var trust: TLSTrust
    var httpVersion: StreamingHTTPClient.HTTPVersionPreference
    var headLimits: HTTPResponseHeadParser.Limits

    /// Applies every option; returns the header list curl keeps pointing into (free it after cleanup).
    func configure(_ easy: UnsafeMutableRawPointer, for request: HTTPClientRequest,
                   errorBuffer: UnsafeMutablePointer<CChar>) throws(HTTPClientError) -> UnsafeMutablePointer<curl_slist>? {
        var options = Setter(easy: easy)
        options.set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        options.set(CURLOPT_URL, request.url)
        options.set(CURLOPT_PROTOCOLS_STR, "http,https")
        options.set(CURLOPT_NOSIGNAL, 1)
        options.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.timeouts.connect))
        options.set(CURLOPT_HTTP_VERSION, httpVersion == .http1_1 ? Int(CURL_HTTP_VERSION_1_1) : Int(CURL_HTTP_VERSION_2TLS))
        options.set(CURLOPT_PIPEWAIT, 1)  // prefer multiplexing on an HTTP/2 connection being set up over opening another
        options.set(CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2))
        options.set(CURLOPT_TCP_KEEPALIVE, 1)
        if case .certificateAuthorityFile(let path) = trust { options.set(CURLOPT_CAINFO, path) }
        if !request.reusesConnection {
            options.set(CURLOPT_FRESH_CONNECT, 1)
            options.set(CURLOPT_FORBID_REUSE, 1)
        }
        try Self.applyMethodAndBody(request, to: &options)
        if let failed = options.failed { throw .invalidRequest("curl refused option \(failed.rawValue) for \(request.url)") }
        let list = try Self.headerList(request.headers)
        options.set(CURLOPT_HTTPHEADER, pointer: list)
        return list
    }

    private static func applyMethodAndBody(_ request: HTTPClientRequest, to options: inout Setter) throws(HTTPClientError) {
        let method = request.method
        guard !method.isEmpty, method.utf8.allSatisfy(HTTPResponseHeadParser.isTokenByte) else {
            throw .invalidRequest("bad method \"\(method)\"")
        }
        if let body = request.body {
            options.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: body.count)
            options.set(CURLOPT_COPYPOSTFIELDS, bytes: body)  // curl copies: the request value may go away
            if method != "POST" { options.set(CURLOPT_CUSTOMREQUEST, method) }
            return
        }
        switch method {
        case "GET": break
        case "HEAD": options.set(CURLOPT_NOBODY, 1)
        case "POST":
            options.set(CURLOPT_POST, 1)
            options.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: 0)
        default: options.set(CURLOPT_CUSTOMREQUEST, method)
        }
    }

    private static func headerList(_ headers: HTTPClientHeaders) throws(HTTPClientError) -> UnsafeMutablePointer<curl_slist>? {
        // "Expect:" stops curl's 100-continue wait before large POST bodies (up to a second of latency).
        var list = curl_slist_append(nil, "Expect:")
        for field in headers {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPResponseHeadParser.isTokenByte),
                  !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                curl_slist_free_all(list)
                throw .invalidRequest("header \"\(field.name)\" has a forbidden character")
            }
            list = curl_slist_append(list, "\(field.name): \(field.value)")
        }
        return list
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    /// Typed setters over the shim's wrappers, remembering the first option curl refused.
    struct Setter {
        let easy: UnsafeMutableRawPointer
        var failed: CURLoption?

        mutating func set(_ option: CURLoption, _ value: Int) {
            check(option, switchboard_curl_easy_setopt_long(easy, option, value))
        }
        mutating func set(_ option: CURLoption, offset value: Int) {
            check(option, switchboard_curl_easy_setopt_off(easy, option, curl_off_t(value)))
        }
        mutating func set(_ option: CURLoption, _ value: String) {  // curl copies string options
            check(option, switchboard_curl_easy_setopt_ptr(easy, option, value))
        }
        mutating func set(_ option: CURLoption, bytes: [UInt8]) {
            check(option, bytes.withUnsafeBytes { switchboard_curl_easy_setopt_ptr(easy, option, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)) })
        }
        mutating func set(_ option: CURLoption, pointer: UnsafeRawPointer?) {
            check(option, switchboard_curl_easy_setopt_ptr(easy, option, pointer))
        }
        private mutating func check(_ option: CURLoption, _ code: CURLcode) {
            if code != CURLE_OK, failed == nil { failed = option }
        }
    }
}
