import CCurl

/// curl_global_init must run once before any other curl call, and before threads race to use curl.
enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32)) == CURLE_OK  // CURL_GLOBAL_ALL
    }()

    static func initializeOnce() { _ = initialized }
}
