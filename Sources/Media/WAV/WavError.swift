/// Why a WAV file could not be read, and the byte offset where that was found.
public struct WavError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The file does not start with "RIFF" (big-endian "RIFX" included).
        case notRIFF
        /// The RIFF form type is not "WAVE".
        case notWAVE
        /// A "data" chunk came before any "fmt " chunk, or there was no "fmt " chunk at all.
        case missingFormatChunk
        /// The file ended without a "data" chunk.
        case missingDataChunk
        /// A second "fmt " or "data" chunk.
        case duplicateChunk(String)
        /// Not integer PCM (format tag, e.g. 3 = IEEE float, 6 = A-law, 7 = µ-law).
        case unsupportedEncoding(formatTag: UInt16)
        /// Not 16 bits per sample.
        case unsupportedBitsPerSample(Int)
        /// More channels than mono/stereo.
        case unsupportedChannelCount(Int)
        /// A header field that cannot be right (zero rate, block align not channels × 2, short "fmt ").
        case invalidFormat(String)
        /// A chunk larger than the parser's limit for that chunk kind.
        case chunkTooLarge(id: String, size: Int)
        /// More chunks than the parser's limit.
        case tooManyChunks
        /// More sample bytes than the parser's limit.
        case dataTooLarge
        /// The bytes ended inside a header or before the declared end of the data.
        case truncated
    }

    public let reason: Reason
    /// Byte offset from the start of the file.
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "WAV: \(reason) at byte \(offset)" }
}
