import Agents

/// Reads and checks an `llm` entry's settings, failing with a `ProviderSetupError` that names the
/// setting (`settings.base_url must be an http:// or https:// URL`) when the agent loads.
struct LanguageModelSettingsReader {
    let config: LLMProviderConfig
    var provider: String { config.kind.rawValue }

    init(_ config: LLMProviderConfig) { self.config = config }

    func fail(_ problem: String) -> ProviderSetupError { ProviderSetupError(provider: provider, problem: problem) }

    /// A string setting; a value of another type is an error.
    func string(_ key: String) throws(ProviderSetupError) -> String? {
        guard let value = config.settings[key] else { return nil }
        guard let text = value.stringValue else { throw fail("settings.\(key) must be a string") }
        return text
    }

    func requiredString(_ key: String, _ meaning: String) throws(ProviderSetupError) -> String {
        guard let text = try string(key), !text.isEmpty else { throw fail("settings.\(key) is required: \(meaning)") }
        return text
    }

    func bool(_ key: String) throws(ProviderSetupError) -> Bool? {
        guard let value = config.settings[key] else { return nil }
        guard let flag = value.boolValue else { throw fail("settings.\(key) must be true or false") }
        return flag
    }

    func positiveInt(_ key: String) throws(ProviderSetupError) -> Int? {
        guard let value = config.settings[key] else { return nil }
        guard let number = value.intValue, number > 0 else { throw fail("settings.\(key) must be a positive integer") }
        return number
    }

    func double(_ key: String, in range: ClosedRange<Double>) throws(ProviderSetupError) -> Double? {
        guard let value = config.settings[key] else { return nil }
        guard let number = value.doubleValue, range.contains(number) else {
            throw fail("settings.\(key) must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func milliseconds(_ key: String) throws(ProviderSetupError) -> Duration? {
        try positiveInt(key).map { .milliseconds($0) }
    }

    /// `base_url` (or `fallback`), without a trailing slash; must be http(s).
    func baseURL(default fallback: String) throws(ProviderSetupError) -> String {
        var url = try string("base_url") ?? fallback
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count > "https://".count - 1 else {
            throw fail("settings.base_url must be an http:// or https:// URL")
        }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// `headers`: a map of header name to string value (`${ENV}` already substituted).
    func headers() throws(ProviderSetupError) -> [(name: String, value: String)] {
        guard let value = config.settings["headers"] else { return [] }
        guard let map = value.mapValue else { throw fail("settings.headers must be a map of header name to value") }
        var result: [(name: String, value: String)] = []
        for name in map.keys.sorted() {
            guard let text = map[name]?.stringValue else { throw fail("settings.headers.\(name) must be a string") }
            guard Self.isHeaderSafe(name), !name.isEmpty, Self.isHeaderSafe(text) else {
                throw fail("settings.headers.\(name) contains a line break or control character")
            }
            result.append((name, text))
        }
        return result
    }

    /// No CR, LF or NUL (header injection).
    static func isHeaderSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }
}
