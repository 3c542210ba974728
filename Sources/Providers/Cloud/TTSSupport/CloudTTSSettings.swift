import Agents

/// What every cloud TTS adapter reads from its provider entry: the API key, the base URL (the vendor's,
/// or `settings.base_url` for a proxy, gateway or loopback fake), a default voice and the deadlines.
struct CloudTTSSettings: Sendable {
    let provider: String
    let apiKey: Secret
    /// Without a trailing slash.
    let baseURL: String
    let voice: String?
    let deadlines: TTSDeadlines

    /// - Parameters:
    ///   - secureScheme: `https` or `wss`; its plain twin (`http`, `ws`) is accepted for loopback hosts only.
    init(_ settings: TTSProviderConfig, provider: String, defaultBaseURL: String, secureScheme: String) throws(ProviderSetupError) {
        self.provider = provider
        guard let key = settings.apiKey, !key.reveal().isEmpty else {
            throw ProviderSetupError(provider: provider, problem: "api_key is required (for example api_key: ${\(provider.uppercased())_API_KEY})")
        }
        apiKey = key
        var base = settings.string("base_url") ?? defaultBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        try Self.check(base, provider: provider, secureScheme: secureScheme)
        baseURL = base
        voice = settings.string("voice").flatMap { $0.isEmpty ? nil : $0 }
        deadlines = try TTSDeadlines(settings: settings, provider: provider)
    }

    /// The request's voice when it names one, else the configured one.
    func voice(for requested: String) -> String? {
        requested.isEmpty ? voice : requested
    }

    /// `https://host[:port][/path]`; plain `http` (or `ws`) only towards 127.0.0.1, ::1 or localhost.
    static func check(_ url: String, provider: String, secureScheme: String) throws(ProviderSetupError) {
        let plainScheme = secureScheme == "https" ? "http" : "ws"
        guard let separator = url.firstRange(of: "://") else {
            throw ProviderSetupError(provider: provider, problem: "settings.base_url \"\(url)\" is not an absolute URL")
        }
        let scheme = url[..<separator.lowerBound].lowercased()
        let rest = url[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@"), !url.contains(" ") else {
            throw ProviderSetupError(provider: provider, problem: "settings.base_url \"\(url)\" has no usable host")
        }
        if scheme == secureScheme { return }
        guard scheme == plainScheme else {
            throw ProviderSetupError(provider: provider, problem: "settings.base_url must use \(secureScheme):// (got \(scheme)://)")
        }
        guard isLoopback(authority: String(authority)) else {
            throw ProviderSetupError(provider: provider,
                                     problem: "settings.base_url may use \(plainScheme):// only for a loopback host; use \(secureScheme)://")
        }
    }

    static func isLoopback(authority: String) -> Bool {
        var host = authority
        if host.hasPrefix("[") {
            host = String(host.dropFirst().prefix { $0 != "]" })
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
