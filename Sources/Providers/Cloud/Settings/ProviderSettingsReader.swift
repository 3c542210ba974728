import Agents

/// Reads one provider entry's `settings` for an adapter's initializer, turning a missing key, a value
/// of the wrong type or out of range into a `ProviderSetupError` that names the provider and the
/// setting. Pure.
struct ProviderSettingsReader<Kind: ProviderKind> {
    let config: ProviderConfig<Kind>
    /// The provider as written in YAML, for messages.
    let provider: String

    init(_ config: ProviderConfig<Kind>) {
        self.config = config
        self.provider = config.kind.rawValue
    }

    func problem(_ text: String) -> ProviderSetupError { ProviderSetupError(provider: provider, problem: text) }

    /// The API key; a cloud adapter cannot work without one.
    func apiKey() throws(ProviderSetupError) -> Secret {
        guard let key = config.apiKey, !key.reveal().isEmpty else {
            throw problem("api_key is required (e.g. api_key: ${\(provider.uppercased())_API_KEY})")
        }
        return key
    }

    func string(_ key: String, default value: String) throws(ProviderSetupError) -> String {
        guard let setting = config.settings[key] else { return value }
        guard let text = setting.stringValue, !text.isEmpty else { throw problem("settings.\(key) must be a non-empty string") }
        return text
    }

    func bool(_ key: String, default value: Bool) throws(ProviderSetupError) -> Bool {
        guard let setting = config.settings[key] else { return value }
        guard let flag = setting.boolValue else { throw problem("settings.\(key) must be true or false") }
        return flag
    }

    func int(_ key: String, default value: Int, in range: ClosedRange<Int>) throws(ProviderSetupError) -> Int {
        guard let setting = config.settings[key] else { return value }
        guard let number = setting.intValue, range.contains(number) else {
            throw problem("settings.\(key) must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// A duration given in milliseconds under `key`.
    func milliseconds(_ key: String, default value: Int, in range: ClosedRange<Int>) throws(ProviderSetupError) -> Duration {
        .milliseconds(try int(key, default: value, in: range))
    }

    func strings(_ key: String) throws(ProviderSetupError) -> [String] {
        guard let setting = config.settings[key] else { return [] }
        guard let list = setting.listValue else { throw problem("settings.\(key) must be a list of strings") }
        var values: [String] = []
        for item in list {
            guard let text = item.stringValue else { throw problem("settings.\(key) must be a list of strings") }
            values.append(text)
        }
        return values
    }

    /// `settings.base_url` or the vendor's URL, checked to use one of `schemes`, without a trailing slash.
    func baseURL(default vendorURL: String, schemes: [String]) throws(ProviderSetupError) -> String {
        let url = try string("base_url", default: vendorURL)
        guard let colon = url.firstIndex(of: ":"), schemes.contains(String(url[..<colon]).lowercased()),
              url[colon...].hasPrefix("://"), url.count > url.distance(from: url.startIndex, to: colon) + 3,
              !url.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" || $0 == "#" }) else {
            throw problem("settings.base_url must be an absolute \(schemes.joined(separator: "/")) URL, got \(url.debugDescription)")
        }
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}
