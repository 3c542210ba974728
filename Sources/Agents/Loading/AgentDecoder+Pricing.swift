import Yams

/// A provider entry's `pricing`: US dollars per unit block, written as plain decimals (`2.5`) and kept
/// exactly as whole micro-dollars. Each layer has its own keys.
extension AgentDecoder {
    /// The pricing keys of each layer.
    static let pricingKeys: [String: [String]] = [
        "llm": ["input_per_million_tokens", "output_per_million_tokens"],
        "tts": ["per_million_characters"],
        "stt": ["per_audio_minute"],
    ]
    /// Prices are kept in micro-dollars: at most six decimal places.
    static let maximumPriceDecimals = 6
    /// A sanity bound: no provider charges a million dollars per unit block.
    static let maximumPriceMicros: Int64 = 1_000_000 * 1_000_000

    func readPricing(_ node: Node, _ path: String, layer: String) -> ProviderPricing {
        let keys = Self.pricingKeys[layer] ?? []
        guard let map = MappingReader(node, path: path, keys: keys, problems: problems) else { return ProviderPricing() }
        func price(_ key: String) -> Int64? { map.node(key).flatMap { self.price($0, map.name(key)) } }
        return ProviderPricing(inputPerMillionTokensMicros: price("input_per_million_tokens"),
                               outputPerMillionTokensMicros: price("output_per_million_tokens"),
                               perMillionCharactersMicros: price("per_million_characters"),
                               perAudioMinuteMicros: price("per_audio_minute"))
    }

    /// A price in dollars (`2.5`, `0.0043`, `15`), as exact micro-dollars.
    func price(_ node: Node, _ what: String) -> Int64? {
        guard let text = node.plainScalar, ScalarParsing.double(text) != nil else {
            problems.error(.wrongType, at: node.location, "\"\(what)\" must be a price in US dollars such as 2.5, "
                + "found \(node.kindDescription)")
            return nil
        }
        switch PriceParsing.microdollars(text, maximumDecimals: Self.maximumPriceDecimals) {
        case .success(let micros) where micros > Self.maximumPriceMicros:
            problems.error(.outOfRange, at: node.location, "\"\(what)\" is \(text), but must be at most 1000000 dollars")
        case .success(let micros):
            return micros
        case .failure(.negative):
            problems.error(.outOfRange, at: node.location, "\"\(what)\" is \(text), but a price must not be negative")
        case .failure(.tooManyDecimals):
            problems.error(.invalidValue, at: node.location, "\"\(what)\" is \(text), but prices are kept in whole "
                + "micro-dollars: use at most \(Self.maximumPriceDecimals) decimal places")
        case .failure(.notPlainDecimal):
            problems.error(.invalidValue, at: node.location, "\"\(what)\" is \(text); write it as a plain decimal "
                + "such as 0.0043 (no exponent)")
        }
        return nil
    }
}

/// Exact decimal → micro-dollar conversion of a price written in YAML. Pure.
enum PriceParsing {
    enum Failure: Error, Equatable {
        case negative, tooManyDecimals, notPlainDecimal
    }

    /// `text` (digits, optional `_` separators, an optional `.` and fraction, an optional leading `+`)
    /// times 10⁶, exactly.
    static func microdollars(_ text: String, maximumDecimals: Int) -> Result<Int64, Failure> {
        var body = Substring(text.filter { $0 != "_" })
        if body.hasPrefix("-") { return .failure(.negative) }
        if body.hasPrefix("+") { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              whole.count <= 12 else {
            return .failure(.notPlainDecimal)
        }
        let significant = fraction.reversed().drop { $0 == "0" }.count
        guard significant <= maximumDecimals else { return .failure(.tooManyDecimals) }
        let padded = String(fraction.prefix(6)) + String(repeating: "0", count: max(0, 6 - fraction.count))
        return .success((Int64(whole) ?? 0) * 1_000_000 + (Int64(padded) ?? 0))
    }
}
