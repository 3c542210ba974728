@testable import Media

/// Hand-built RIFF files for the WAV tests: each chunk spelled out so a test says what it contains.
enum WavFixtures {
    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> ($0 * 8)) & 0xFF) } }

    /// A chunk with its id, size and (for odd sizes) pad byte.
    static func chunk(_ id: String, _ body: [UInt8], declaredSize: Int? = nil) -> [UInt8] {
        Array(id.utf8) + le32(declaredSize ?? body.count) + body + (body.count % 2 == 1 ? [0] : [])
    }

    static func fmt(tag: Int = 1, channels: Int = 1, rate: Int = 8_000, blockAlign: Int? = nil, bits: Int = 16) -> [UInt8] {
        let align = blockAlign ?? channels * bits / 8
        return chunk("fmt ", le16(tag) + le16(channels) + le32(rate) + le32(rate * align) + le16(align) + le16(bits))
    }

    /// WAVE_FORMAT_EXTENSIBLE "fmt " (40 bytes) with `subformat` as the GUID's leading tag.
    static func extensibleFmt(channels: Int = 1, rate: Int = 16_000, subformat: Int = 1) -> [UInt8] {
        let guidTail: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        let body = le16(0xFFFE) + le16(channels) + le32(rate) + le32(rate * channels * 2) + le16(channels * 2) + le16(16)
            + le16(22) + le16(16) + le32(channels == 1 ? 0x4 : 0x3) + le16(subformat) + guidTail
        return chunk("fmt ", body)
    }

    static func data(_ samples: [Int16]) -> [UInt8] {
        chunk("data", samples.flatMap { le16(Int(UInt16(bitPattern: $0))) })
    }

    static func file(_ chunks: [UInt8]...) -> [UInt8] {
        let body = Array("WAVE".utf8) + chunks.flatMap { $0 }
        return Array("RIFF".utf8) + le32(body.count) + body
    }

    static let list = chunk("LIST", Array("INFOISFT".utf8) + le32(5) + Array("sox!".utf8) + [0])
    static let tone: [Int16] = (0..<50).map { Int16($0 * 600 - 15_000) }
}

/// What parsing produced, comparable across ways of feeding the bytes.
enum WavOutcome: Equatable, CustomStringConvertible {
    case audio(WavFormat, [Int16])
    case failed(WavError, samplesBeforeError: Int)

    var description: String {
        switch self {
        case .audio(let format, let samples): "audio(\(format), \(samples.count) samples)"
        case .failed(let error, let count): "failed(\(error), after \(count) samples)"
        }
    }

    static func parse<Pieces: Sequence>(_ pieces: Pieces, limits: WavParser.Limits = .init()) -> WavOutcome
    where Pieces.Element: Collection<UInt8> {
        var parser = WavParser(limits: limits)
        var samples: [Int16] = []
        do {
            for piece in pieces { try parser.feed(piece, into: &samples) }
            try parser.finish()
            return .audio(parser.format!, samples)
        } catch {
            return .failed(error, samplesBeforeError: samples.count)
        }
    }
}
