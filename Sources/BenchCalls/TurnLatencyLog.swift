/// The per-turn latencies in a server log: `switchboard serve` logs one `call turn latencies` line per
/// ended call (debug level) with `voice_to_voice_ms=[…]`, `provider_wait_ms=[…]` and `overhead_ms=[…]`,
/// one value per answered turn (CallObservability.swift). Pure: parses text it is given.
struct TurnLatencyLog: Equatable {
    static let marker = "call turn latencies"

    var records = 0
    var voiceToVoice: [Double] = []
    var providerWait: [Double] = []
    var overhead: [Double] = []

    init(parsing text: Substring) {
        for line in text.split(separator: "\n") where line.contains(Self.marker) {
            records += 1
            voiceToVoice += Self.values("voice_to_voice_ms", in: line)
            providerWait += Self.values("provider_wait_ms", in: line)
            overhead += Self.values("overhead_ms", in: line)
        }
    }

    /// The numbers of `key=[a, b, …]` in `line`, or none when the key is absent or its list empty;
    /// anything that is not a number is skipped.
    static func values(_ key: String, in line: Substring) -> [Double] {
        guard let keyRange = line.firstRange(of: key + "=[") else { return [] }
        let rest = line[keyRange.upperBound...]
        guard let end = rest.firstIndex(of: "]") else { return [] }
        return rest[..<end].split(separator: ",").compactMap { Double($0.trimmingPrefix(" ")) }
    }
}
