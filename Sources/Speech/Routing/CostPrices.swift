/// An exact amount of US dollars: an integer number of picodollars (10⁻¹² USD). Prices are whole
/// micro-dollars per million units, so units × price is exactly picodollars and costs add up with no
/// rounding at all (only per-minute audio prices divide, by 60, once per provider and call).
/// Int64 holds over 9 million dollars, far beyond any call.
public struct CostAmount: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let picodollarsPerMicrodollar: Int64 = 1_000_000
    public static let zero = CostAmount(picodollars: 0)

    public var picodollars: Int64

    public init(picodollars: Int64) {
        self.picodollars = picodollars
    }

    /// Micro-dollars, rounded half up (costs are never negative).
    public var microdollars: Int64 {
        (picodollars + Self.picodollarsPerMicrodollar / 2) / Self.picodollarsPerMicrodollar
    }

    /// Dollars as a floating-point number, for metrics only (never add these up for a bill).
    public var dollars: Double { Double(picodollars) / 1e12 }

    public static func + (lhs: CostAmount, rhs: CostAmount) -> CostAmount {
        CostAmount(picodollars: lhs.picodollars.addingSaturating(rhs.picodollars))
    }

    public static func < (lhs: CostAmount, rhs: CostAmount) -> Bool { lhs.picodollars < rhs.picodollars }

    /// `$0.001234`: dollars with six decimals (the micro-dollar, rounded).
    public var description: String {
        let micros = microdollars
        let fraction = String(micros % 1_000_000)
        return "$\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }
}

/// A provider's prices, each in whole micro-dollars (10⁻⁶ USD) per unit block, as the agent's YAML
/// gives them; nil where the provider has no price for that unit.
public struct UsagePrices: Sendable, Hashable {
    /// LLM prompt tokens, per million.
    public var inputTokensPerMillion: Int64?
    /// LLM completion tokens, per million.
    public var outputTokensPerMillion: Int64?
    /// TTS characters, per million.
    public var charactersPerMillion: Int64?
    /// STT audio, per minute.
    public var audioPerMinute: Int64?

    public init(inputTokensPerMillion: Int64? = nil, outputTokensPerMillion: Int64? = nil,
                charactersPerMillion: Int64? = nil, audioPerMinute: Int64? = nil) {
        self.inputTokensPerMillion = inputTokensPerMillion
        self.outputTokensPerMillion = outputTokensPerMillion
        self.charactersPerMillion = charactersPerMillion
        self.audioPerMinute = audioPerMinute
    }

    /// Whether no price is set.
    public var isEmpty: Bool {
        inputTokensPerMillion == nil && outputTokensPerMillion == nil && charactersPerMillion == nil && audioPerMinute == nil
    }

    /// The cost of `usage`; nil when none of the used units has a price. Exact: micro-dollars per million
    /// units × units is picodollars; per-minute audio is µs × micro-dollars ÷ 60 (rounded half up).
    public func cost(of usage: ProviderUsage) -> CostAmount? {
        var total: Int64 = 0
        var priced = false
        func add(_ units: Int64, _ price: Int64?) {
            guard let price else { return }
            priced = true
            total = total.addingSaturating(units.multipliedSaturating(by: price))
        }
        add(Int64(usage.inputTokens), inputTokensPerMillion)
        add(Int64(usage.outputTokens), outputTokensPerMillion)
        add(Int64(usage.characters), charactersPerMillion)
        if let audioPerMinute {
            priced = true
            // µs × (µ$ per 60·10⁶ µs) = µs × price / 60 picodollars.
            let scaled = usage.audioMicroseconds.multipliedSaturating(by: audioPerMinute)
            total = total.addingSaturating((scaled + 30) / 60)
        }
        return priced ? CostAmount(picodollars: total) : nil
    }
}

extension Int64 {
    func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    func multipliedSaturating(by other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) == (other < 0) ? .max : .min) : product
    }
}
