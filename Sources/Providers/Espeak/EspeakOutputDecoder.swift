import Speech

/// Turns espeak-ng's stdout (a streaming WAV) into chunks of mono 16-bit samples at the output rate:
/// finds the header, assembles samples across reads of any size, keeps the first channel, resamples,
/// and cuts fixed-length chunks. Not copyable: it owns a resampler.
struct EspeakOutputDecoder: ~Copyable {
    private let outputRate: Int
    private let headerParser = WAVStreamHeaderParser()
    private var headerBytes: [UInt8] = []
    private var header: WAVStreamHeader?
    private var resampler: SpeexResampler?
    /// Bytes of an incomplete sample frame carried to the next read.
    private var carry: [UInt8] = []
    private var chunker: SampleChunker
    /// Bytes read from the stream so far (for error offsets).
    private var offset = 0

    init(outputRate: Int, samplesPerChunk: Int) {
        self.outputRate = outputRate
        self.chunker = SampleChunker(samplesPerChunk: samplesPerChunk)
    }

    /// Whether the WAV header has been read (the child has started producing audio).
    var hasHeader: Bool { header != nil }

    /// Consumes the next bytes of stdout; returns the chunks now complete.
    mutating func consume(_ bytes: [UInt8]) throws(ProviderError) -> [[Int16]] {
        defer { offset += bytes.count }
        guard let header else { return try consumeHeader(bytes) }
        return chunker.append(convert(bytes, header: header))
    }

    /// The end of stdout: the resampler's tail and the last, shorter chunk.
    mutating func finish() throws(ProviderError) -> [[Int16]] {
        guard header != nil else {
            throw .malformedResponse(detail: "espeak-ng ended after \(offset) bytes without a complete WAV header")
        }
        var chunks: [[Int16]] = []
        if resampler != nil { chunks = chunker.append(resampler!.flush()) }
        if let last = chunker.flush() { chunks.append(last) }
        return chunks
    }

    private mutating func consumeHeader(_ bytes: [UInt8]) throws(ProviderError) -> [[Int16]] {
        headerBytes += bytes
        switch headerParser.parse(headerBytes) {
        case .failure(let failure):
            throw .malformedResponse(detail: "espeak-ng output is not 16-bit PCM WAV: \(failure.message) at byte \(failure.offset)")
        case .success(.needMoreBytes):
            return []
        case .success(.header(let found)):
            header = found
            if found.sampleRate != outputRate {
                resampler = SpeexResampler(from: found.sampleRate, to: outputRate)
                guard resampler != nil else {
                    throw .malformedResponse(detail: "cannot resample espeak-ng's \(found.sampleRate) Hz to \(outputRate) Hz")
                }
            }
            let rest = Array(headerBytes[min(found.dataOffset, headerBytes.count)...])
            headerBytes = []
            return chunker.append(convert(rest, header: found))
        }
    }

    /// Little-endian interleaved samples → the first channel, resampled.
    private mutating func convert(_ bytes: [UInt8], header: WAVStreamHeader) -> [Int16] {
        let frameBytes = 2 * header.channels
        let data = carry.isEmpty ? bytes : carry + bytes
        let whole = data.count - data.count % frameBytes
        carry = Array(data[whole...])
        var samples = [Int16]()
        samples.reserveCapacity(whole / frameBytes)
        var index = 0
        while index < whole {
            samples.append(Int16(bitPattern: UInt16(data[index]) | UInt16(data[index + 1]) << 8))
            index += frameBytes
        }
        guard resampler != nil else { return samples }
        return resampler!.process(samples)
    }
}
