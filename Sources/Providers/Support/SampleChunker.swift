/// Cuts a stream of samples into chunks of a fixed length, keeping the remainder for the next call.
struct SampleChunker: Sendable {
    let samplesPerChunk: Int
    private var pending: [Int16] = []

    init(samplesPerChunk: Int) {
        precondition(samplesPerChunk > 0, "a chunk holds at least one sample")
        self.samplesPerChunk = samplesPerChunk
    }

    /// Adds samples; returns every whole chunk now available.
    mutating func append(_ samples: [Int16]) -> [[Int16]] {
        pending += samples
        guard pending.count >= samplesPerChunk else { return [] }
        var chunks: [[Int16]] = []
        var start = 0
        while pending.count - start >= samplesPerChunk {
            chunks.append(Array(pending[start..<(start + samplesPerChunk)]))
            start += samplesPerChunk
        }
        pending.removeFirst(start)
        return chunks
    }

    /// The samples left over (shorter than a chunk), if any.
    mutating func flush() -> [Int16]? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : pending
    }
}

extension Array where Element == Int16 {
    /// The samples as little-endian bytes (linear16 on the wire).
    var littleEndianBytes: [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(count * 2)
        for sample in self {
            let bits = UInt16(bitPattern: sample)
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
        }
        return bytes
    }
}
