import Wire
import Media
import Net
import Speech

/// Writes agent audio as binary 16-bit LE PCM frames at the client's rate (resampled when the session's
/// chunks come at another rate), marks and clears as JSON (Docs/pcm-protocol.md).
struct PCMStreamWriter: MediaStreamWriter {
    let connection: WebSocketConnection
    let rate: SampleRate
    var resampler: Resampler?
    var wireFormat: AudioFormat { AudioFormat(encoding: .linear16, sampleRate: rate) }

    init(connection: WebSocketConnection, rate: SampleRate) {
        self.connection = connection
        self.rate = rate
    }

    mutating func wireBytes(for chunk: AudioChunk) -> [UInt8] {
        var samples: [Int16]
        switch chunk.format.encoding {
        case .linear16:
            samples = stride(from: 0, to: chunk.bytes.count - 1, by: 2).map {
                Int16(bitPattern: UInt16(chunk.bytes[$0]) | UInt16(chunk.bytes[$0 + 1]) << 8)
            }
        case .mulaw: samples = chunk.bytes.map(MuLaw.decode)
        case .alaw: samples = chunk.bytes.map(ALaw.decode)
        }
        if chunk.format.sampleRate != rate {
            if resampler?.inputRate != chunk.format.sampleRate { resampler = try? Resampler(from: chunk.format.sampleRate, to: rate) }
            if let resampler {
                let input = samples
                var output = [Int16](repeating: 0, count: resampler.outputCount(forInputCount: input.count))
                let written = input.withUnsafeBufferPointer { inBuffer in
                    output.withUnsafeMutableBufferPointer { resampler.process(inBuffer, into: $0) }
                }
                samples = Array(output.prefix(written))
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(samples.count * 2)
        for sample in samples { bytes.append(UInt8(truncatingIfNeeded: sample)); bytes.append(UInt8(truncatingIfNeeded: sample >> 8)) }
        return bytes
    }

    func writeAudio(_ bytes: ArraySlice<UInt8>) {
        _ = bytes.withUnsafeBytes { connection.send(binary: $0) }
    }

    func writeMark(_ name: String) {
        _ = connection.send(text: #"{"type":"mark","name":"# + JSONWriter.quoted(name) + "}")
    }

    func writeClear() {
        _ = connection.send(text: #"{"type":"clear"}"#)
    }
}
