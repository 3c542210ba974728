import Yams

/// The `stt`, `llm` and `tts` lists: each entry is `{kind, api_key, settings, pricing}`, or just the
/// kind (`- espeak`) for a provider that needs nothing else.
extension AgentDecoder {
    static let providerKeys = ["kind", "api_key", "settings", "pricing"]

    func providers<Kind: ProviderKind>(_ map: MappingReader, _ key: String, meaning: String) -> [ProviderConfig<Kind>]? {
        guard let node = map.required(key, meaning) else { return nil }
        return providerList(node, key)
    }

    /// A non-empty list of provider entries written at `node` (named `path` in messages).
    func providerList<Kind: ProviderKind>(_ node: Node, _ path: String) -> [ProviderConfig<Kind>]? {
        guard let items = problems.list(node, path) else { return nil }
        guard !items.isEmpty else {
            problems.error(.emptyProviderList, at: node.location,
                           "\"\(path)\" lists no providers; name at least one (the first is the primary, the rest fallbacks)")
            return nil
        }
        var result: [ProviderConfig<Kind>] = []
        for (index, item) in items.enumerated() {
            if let entry: ProviderConfig<Kind> = provider(item, "\(path)[\(index)]") { result.append(entry) }
        }
        return result.count == items.count ? result : nil
    }

    /// One provider entry: a mapping, or just the kind.
    func provider<Kind: ProviderKind>(_ node: Node, _ path: String) -> ProviderConfig<Kind>? {
        if case .scalar = node {
            guard let kind: Kind = providerKind(node, "\(path)") else { return nil }
            if kind.needsAPIKey {
                problems.error(.missingField, at: node.location,
                               "\(Kind.layer) provider \"\(kind.rawValue)\" needs an api_key; write it as a mapping with kind and api_key")
            }
            return ProviderConfig(kind: kind)
        }
        guard let map = MappingReader(node, path: path, keys: Self.providerKeys, problems: problems) else { return nil }
        guard let kindNode = map.required("kind", "which \(Kind.layer) provider"),
              let kind: Kind = providerKind(kindNode, map.name("kind")) else { return nil }
        var apiKey: Secret?
        if kind.needsAPIKey {
            apiKey = map.required("api_key", "the \(kind.rawValue) credential, written as ${ENV_VAR}")
                .flatMap { problems.secret($0, map.name("api_key"), environment: environment) }
        } else if let location = map.keyLocation("api_key") {
            problems.warning(.ineffectiveSetting, at: location,
                             "\"\(kind.rawValue)\" runs on this machine and takes no api_key; it is ignored")
        }
        var settings: [String: ConfigValue] = [:]
        if let settingsNode = map.node("settings") {
            var reader = ConfigValueReader(problems: problems, environment: environment)
            switch reader.value(settingsNode, map.name("settings")) {
            case .map(let entries)?: settings = entries
            case nil: return nil
            default:
                problems.error(.wrongType, at: settingsNode.location,
                               "\"\(map.name("settings"))\" must be a mapping, found \(settingsNode.kindDescription)")
                return nil
            }
        }
        let pricing: ProviderPricing? = map.node("pricing").map { readPricing($0, map.name("pricing"), layer: Kind.layer) }
        return ProviderConfig(kind: kind, apiKey: apiKey, settings: settings, pricing: pricing ?? ProviderPricing())
    }

    private func providerKind<Kind: ProviderKind>(_ node: Node, _ what: String) -> Kind? {
        guard let text = problems.nonEmptyString(node, what) else { return nil }
        if let kind = Kind(rawValue: text) { return kind }
        let names = Kind.allCases.map(\.rawValue)
        var message = "unknown \(Kind.layer) provider \"\(text)\"" + DidYouMean.hint(for: text, among: names)
        if let layer = Self.otherLayer(of: text, than: Kind.layer) {
            message += "; \"\(text)\" belongs in \"\(layer)\""
        }
        problems.error(.unknownProvider, at: node.location, message + " (known: \(names.joined(separator: ", ")))")
        return nil
    }

    /// The layer that knows `kind`, when it is not `layer` (to explain `tts: [deepgramm]` vs `stt`).
    private static func otherLayer(of kind: String, than layer: String) -> String? {
        if layer != "stt", STTProviderKind(rawValue: kind) != nil { return "stt" }
        if layer != "llm", LLMProviderKind(rawValue: kind) != nil { return "llm" }
        if layer != "tts", TTSProviderKind(rawValue: kind) != nil { return "tts" }
        return nil
    }
}
