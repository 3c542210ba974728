import Yams

/// The optional routing sections: `llm_tiers` (a fast model for simple turns), `languages` (STT/TTS per
/// language) and `shadow` (comparison-only providers).
extension AgentDecoder {
    static let tierKeys = ["fast", "rules"]
    static let tierRuleKeys = ["max_words", "question_words", "strong_keywords"]

    func readTiers(_ map: MappingReader) -> LanguageModelTiers? {
        guard let node = map.node("llm_tiers"),
              let tiers = MappingReader(node, path: "llm_tiers", keys: Self.tierKeys, problems: problems),
              let fastNode = tiers.required("fast", "the fast model: one provider entry or a list like llm") else {
            return nil
        }
        let fast: [LLMProviderConfig]? = providerEntries(fastNode, tiers.name("fast"))
        var result = LanguageModelTiers(fast: fast ?? [])
        if let rulesNode = tiers.node("rules"),
           let rules = MappingReader(rulesNode, path: tiers.name("rules"), keys: Self.tierRuleKeys, problems: problems) {
            result.maxWords = rules.int("max_words", in: LanguageModelTiers.maxWordsRange, unit: "words")
            result.questionWords = words(rules, "question_words", singleWords: true)
            result.strongKeywords = words(rules, "strong_keywords", singleWords: false)
        }
        return fast == nil ? nil : result
    }

    /// One provider entry, or a list of them.
    private func providerEntries<Kind: ProviderKind>(_ node: Node, _ path: String) -> [ProviderConfig<Kind>]? {
        if case .sequence = node { return providerList(node, path) }
        return provider(node, path).map { [$0] }
    }

    /// A list of words (or phrases) that must each contain a letter or digit.
    private func words(_ map: MappingReader, _ key: String, singleWords: Bool) -> [String]? {
        guard let node = map.node(key), let items = problems.stringList(node, map.name(key)) else { return nil }
        var result: [String] = []
        for (index, (text, location)) in items.enumerated() {
            if !text.contains(where: { $0.isLetter || $0.isNumber }) {
                problems.error(.invalidValue, at: location, "\"\(map.name(key))[\(index)]\" is \"\(text)\", which has no word in it")
            } else if singleWords, text.contains(where: \.isWhitespace) {
                problems.error(.invalidValue, at: location, "\"\(map.name(key))[\(index)]\" is \"\(text)\": question "
                    + "words are single words (strong_keywords may be phrases)")
            } else {
                result.append(text)
            }
        }
        return result
    }

    func readLanguages(_ map: MappingReader) -> [LanguageProviders] {
        guard let node = map.node("languages") else { return [] }
        guard case .mapping(let mapping) = node else {
            problems.error(.wrongType, at: node.location, "\"languages\" must be a mapping of language tags to "
                + "{stt, tts} provider lists, found \(node.kindDescription)")
            return []
        }
        var result: [LanguageProviders] = []
        var seen: [String: String] = [:]
        for (keyNode, value) in mapping {
            guard let tag = problems.nonEmptyString(keyNode, "languages key") else { continue }
            let path = "languages.\(tag)"
            if !Self.isValidLanguageTag(tag) {
                problems.error(.invalidValue, at: keyNode.location, "\"\(tag)\" in \"languages\" must be a BCP 47 tag such as es-ES")
                continue
            }
            if let earlier = seen[tag.lowercased()] {
                problems.error(.duplicateName, at: keyNode.location, "language \"\(tag)\" is listed twice in \"languages\" "
                    + "(as \"\(earlier)\" before; tags ignore case)")
                continue
            }
            seen[tag.lowercased()] = tag
            guard let entry = MappingReader(value, path: path, keys: ["stt", "tts"], problems: problems) else { continue }
            let stt: [STTProviderConfig]? = entry.node("stt").flatMap { providerList($0, entry.name("stt")) }
            let tts: [TTSProviderConfig]? = entry.node("tts").flatMap { providerList($0, entry.name("tts")) }
            if entry.node("stt") == nil, entry.node("tts") == nil {
                problems.error(.missingField, at: value.location, "\"\(path)\" names neither stt nor tts providers")
            }
            result.append(LanguageProviders(tag: tag, stt: stt, tts: tts))
        }
        return result
    }

    func readShadow(_ map: MappingReader) -> ShadowProviders {
        guard let node = map.node("shadow"),
              let shadow = MappingReader(node, path: "shadow", keys: ["stt", "llm", "tts"], problems: problems) else {
            return ShadowProviders()
        }
        func single<Kind: ProviderKind>(_ key: String) -> ProviderConfig<Kind>? {
            guard let entry = shadow.node(key) else { return nil }
            if case .sequence = entry {
                problems.error(.wrongType, at: entry.location, "\"\(shadow.name(key))\" must be one provider entry "
                    + "(a mapping or a kind), found a list")
                return nil
            }
            return provider(entry, shadow.name(key))
        }
        return ShadowProviders(stt: single("stt"), llm: single("llm"), tts: single("tts"))
    }

    /// BCP 47 in the shape Switchboard accepts: a 2–3 letter language, then subtags of 1–8 letters or digits.
    static func isValidLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        return (2...3).contains(parts[0].count) && parts[0].allSatisfy(\.isASCIILetter)
            && parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(\.isASCIILetterOrDigit) }
    }
}
