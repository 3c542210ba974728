/// Reads a RIFF WAVE file of 16-bit PCM incrementally: feed it bytes in any pieces (a file, or a TTS
/// provider's streamed response) and it appends samples as whole sample frames arrive. Skips chunks
/// it does not need (LIST, fact, cue…) before or after the data, accepts WAVE_FORMAT_EXTENSIBLE with
/// a PCM subformat, and reads a data size of 0xFFFFFFFF as "until the end" (streamed WAV). Every size
/// read from the file is checked against `Limits`; any input ends in samples or a `WavError`, never a
/// crash. Once an error is thrown, every later call throws it again.
public struct WavParser: Sendable {
    /// Bounds on what a file may make the parser hold or skip.
    public struct Limits: Sendable, Equatable {
        /// Default cap on sample bytes: 64 MiB, about 35 minutes of 16 kHz mono.
        public static let defaultMaximumDataBytes = 64 << 20
        /// Default cap on chunks of any kind.
        public static let defaultMaximumChunkCount = 64
        /// Default cap on one skipped chunk (LIST, fact, …): 1 MiB.
        public static let defaultMaximumSkippedChunkBytes = 1 << 20
        /// "fmt " is 16, 18 or 40 bytes in practice; a little room for vendor extras.
        public static let defaultMaximumFormatChunkBytes = 128

        public var maximumDataBytes: Int
        public var maximumChunkCount: Int
        public var maximumSkippedChunkBytes: Int
        public var maximumFormatChunkBytes: Int

        public init(maximumDataBytes: Int = defaultMaximumDataBytes, maximumChunkCount: Int = defaultMaximumChunkCount,
                    maximumSkippedChunkBytes: Int = defaultMaximumSkippedChunkBytes,
                    maximumFormatChunkBytes: Int = defaultMaximumFormatChunkBytes) {
            self.maximumDataBytes = maximumDataBytes
            self.maximumChunkCount = maximumChunkCount
            self.maximumSkippedChunkBytes = maximumSkippedChunkBytes
            self.maximumFormatChunkBytes = maximumFormatChunkBytes
        }
    }

    enum State: Sendable {
        case riffHeader
        case chunkHeader
        case formatBody(size: Int)
        case skipping(remaining: Int)
        case data(remaining: Int?)  // nil: until the end of the input
        case failed(WavError)
    }

    /// RIFF: a chunk header is a 4-byte id and a 4-byte little-endian size; the file header adds "WAVE".
    static let riffHeaderBytes = 12
    static let chunkHeaderBytes = 8
    /// WAVE_FORMAT_EXTENSIBLE: the real format tag is the first two bytes of the subformat GUID.
    static let formatTagExtensible: UInt16 = 0xFFFE
    static let extensibleSubformatOffset = 24

    public let limits: Limits
    /// The audio format, once the "fmt " chunk has been read.
    public internal(set) var format: WavFormat?
    /// Sample bytes received so far.
    public internal(set) var dataBytesRead = 0
    var state = State.riffHeader
    var pending: [UInt8] = []  // bytes of a header being assembled, or of a partial sample frame
    var offset = 0             // file offset of the next byte to consume
    var chunkCount = 0
    var sawData = false
    var dataPadByte = false   // the data chunk's size is odd: a pad byte follows it

    public init(limits: Limits = .init()) {
        self.limits = limits
    }

    /// Consumes `bytes` and appends every complete sample frame they finish to `samples`.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes, into samples: inout [Int16]) throws(WavError) {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(WavError) in try consume(buffer, into: &samples) }
        } ?? Array(bytes).withUnsafeBufferPointer { buffer in
            Result { () throws(WavError) in try consume(buffer, into: &samples) }
        }
        try result.get()
    }

    /// Declares the input complete. Throws if it ended inside a header or before the declared end of
    /// the data (the samples already appended stay valid). A trailing chunk cut short after complete
    /// data is tolerated.
    public mutating func finish() throws(WavError) {
        switch state {
        case .failed(let error):
            throw error
        case .riffHeader, .formatBody:
            throw fail(.truncated, at: offset)
        case .chunkHeader:
            guard pending.isEmpty || sawData else { throw fail(.truncated, at: offset) }
            guard format != nil else { throw fail(.missingFormatChunk, at: offset) }
            guard sawData else { throw fail(.missingDataChunk, at: offset) }
        case .skipping:
            guard sawData else { throw fail(format == nil ? .missingFormatChunk : .missingDataChunk, at: offset) }
        case .data(let remaining):
            if let remaining, remaining > 0 { throw fail(.truncated, at: offset) }
        }
    }

    mutating func fail(_ reason: WavError.Reason, at position: Int) -> WavError {
        let error = WavError(reason, at: position)
        state = .failed(error)
        return error
    }
}
