/// Derives malformed inputs from valid ones for bounded random-input tests: bit flips, byte
/// replacements with bytes parsers care about, insertions, deletions, duplications, truncation and
/// splicing in protocol tokens from a dictionary.
public struct ByteMutator: Sendable {
    /// Bytes that tend to hit parser edge cases (NUL, CR, LF, separators, high bit, DEL).
    public static let interestingBytes: [UInt8] = [0x00, 0x0D, 0x0A, 0x20, 0x09, 0x3A, 0x3B, 0x2C, 0x7F, 0x80, 0xFF, 0x7E, 0x30, 0x39]

    /// Protocol fragments worth splicing in (header names, numbers, line ends).
    public var dictionary: [[UInt8]]
    /// At most this many mutations per call.
    public var maxMutations: Int

    public init(dictionary: [[UInt8]] = [], maxMutations: Int = 4) {
        self.dictionary = dictionary
        self.maxMutations = max(1, maxMutations)
    }

    public func mutate(_ input: [UInt8], using rng: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...maxMutations, using: &rng) { mutateOnce(&bytes, using: &rng) }
        return bytes
    }

    private func mutateOnce(_ bytes: inout [UInt8], using rng: inout SeededRandom) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0 where !bytes.isEmpty:
            bytes[position] ^= 1 << UInt8.random(in: 0...7, using: &rng)
        case 1 where !bytes.isEmpty:
            bytes[position] = Self.interestingBytes.randomElement(using: &rng) ?? 0
        case 2:
            bytes.insert(contentsOf: rng.bytes(Int.random(in: 1...8, using: &rng)), at: position)
        case 3 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...16, using: &rng))
            bytes.removeSubrange(position..<end)
        case 4 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...32, using: &rng))
            bytes.insert(contentsOf: Array(bytes[position..<end]), at: end)
        case 5 where !bytes.isEmpty:
            bytes.removeSubrange(position...)
        case 6 where !dictionary.isEmpty:
            bytes.insert(contentsOf: dictionary.randomElement(using: &rng) ?? [], at: position)
        default:
            bytes.insert(Self.interestingBytes.randomElement(using: &rng) ?? 0, at: position)
        }
    }
}
