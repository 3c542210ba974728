/// The header of a RIFF/WAVE stream whose length is not known in advance, as `espeak-ng --stdout`
/// writes it (its size fields say 0x7FFFFFFF): the sample format and where the samples begin.
/// Only 16-bit integer PCM is accepted; everything after `dataOffset` is sample data.
///
/// TODO: switch to Media's WAV support once it is merged; this reads only what a streaming producer
/// needs.
public struct WAVStreamHeader: Sendable, Hashable {
    public var sampleRate: Int
    public var channels: Int
    /// Offset of the first sample byte in the stream.
    public var dataOffset: Int
}

/// Finds a `WAVStreamHeader` at the start of a byte stream. Pure; never traps on any input.
public struct WAVStreamHeaderParser: Sendable {
    /// Why the bytes are not a usable WAV header, and the offset of the first byte that says so.
    public struct Failure: Error, Sendable, Hashable {
        public var message: String
        public var offset: Int
    }

    /// What the bytes so far say.
    public enum Outcome: Sendable, Hashable {
        /// The header is not complete yet; feed more bytes.
        case needMoreBytes
        case header(WAVStreamHeader)
    }

    /// Headers longer than this are refused: espeak-ng writes 44 bytes; a few optional chunks
    /// (LIST, fact) fit easily.
    public static let defaultMaximumHeaderBytes = 4096
    /// WAVE format tag for integer PCM (Microsoft's WAVE spec, WAVE_FORMAT_PCM).
    static let pcmFormatTag = 1
    /// WAVE_FORMAT_EXTENSIBLE, whose sub-format may be PCM too.
    static let extensibleFormatTag = 0xFFFE
    /// The sample rates a header may claim; outside this it is garbage.
    static let plausibleSampleRates = 4_000...192_000

    public let maximumHeaderBytes: Int

    public init(maximumHeaderBytes: Int = WAVStreamHeaderParser.defaultMaximumHeaderBytes) {
        self.maximumHeaderBytes = maximumHeaderBytes
    }

    /// Parses the header from the stream's first bytes (`bytes` starts at offset 0).
    public func parse(_ bytes: some RandomAccessCollection<UInt8>) -> Result<Outcome, Failure> {
        let bytes = Array(bytes.prefix(maximumHeaderBytes + 8))
        guard bytes.count >= 12 else {
            return prefixMatches(bytes) ? .success(.needMoreBytes) : .failure(Failure(message: "not a RIFF/WAVE stream", offset: 0))
        }
        guard prefixMatches(bytes) else { return .failure(Failure(message: "not a RIFF/WAVE stream", offset: 0)) }
        var offset = 12
        var format: (rate: Int, channels: Int)?
        while true {
            guard offset + 8 <= bytes.count else { return needMore(offset) }
            let id = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            let size = Int(Self.uint32(bytes, offset + 4))
            let body = offset + 8
            if id == "data" {
                guard let format else {
                    return .failure(Failure(message: "\"data\" chunk before the \"fmt \" chunk", offset: offset))
                }
                return .success(.header(WAVStreamHeader(sampleRate: format.rate, channels: format.channels, dataOffset: body)))
            }
            guard size <= maximumHeaderBytes, body + size <= maximumHeaderBytes else {
                return .failure(Failure(message: "header longer than \(maximumHeaderBytes) bytes", offset: offset))
            }
            guard body + size <= bytes.count else { return needMore(offset) }
            if id == "fmt " {
                switch Self.readFormat(bytes, at: body, size: size) {
                case .success(let found): format = found
                case .failure(let failure): return .failure(failure)
                }
            }
            offset = body + size + (size & 1)  // RIFF chunks are padded to an even length
        }
    }

    private func needMore(_ offset: Int) -> Result<Outcome, Failure> {
        offset + 8 > maximumHeaderBytes
            ? .failure(Failure(message: "no \"data\" chunk in the first \(maximumHeaderBytes) bytes", offset: offset))
            : .success(.needMoreBytes)
    }

    private func prefixMatches(_ bytes: [UInt8]) -> Bool {
        let riff = Array("RIFF".utf8), wave = Array("WAVE".utf8)
        for (index, byte) in bytes.prefix(12).enumerated() {
            if index < 4, byte != riff[index] { return false }
            if index >= 8, byte != wave[index - 8] { return false }
        }
        return true
    }

    private static func readFormat(_ bytes: [UInt8], at offset: Int, size: Int) -> Result<(rate: Int, channels: Int), Failure> {
        guard size >= 16 else { return .failure(Failure(message: "\"fmt \" chunk of \(size) bytes is too short", offset: offset)) }
        let tag = Int(uint16(bytes, offset))
        let channels = Int(uint16(bytes, offset + 2))
        let rate = Int(uint32(bytes, offset + 4))
        let bits = Int(uint16(bytes, offset + 14))
        guard tag == pcmFormatTag || tag == extensibleFormatTag else {
            return .failure(Failure(message: "format tag \(tag) is not integer PCM", offset: offset))
        }
        guard bits == 16 else { return .failure(Failure(message: "\(bits)-bit samples; only 16-bit PCM is read", offset: offset + 14)) }
        guard (1...8).contains(channels) else { return .failure(Failure(message: "\(channels) channels", offset: offset + 2)) }
        guard plausibleSampleRates.contains(rate) else {
            return .failure(Failure(message: "sample rate \(rate) Hz is implausible", offset: offset + 4))
        }
        return .success((rate, channels))
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
