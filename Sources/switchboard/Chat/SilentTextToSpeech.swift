import Speech
import Synchronization

/// A `TextToSpeech` for `switchboard chat`: each sentence becomes one chunk of silent linear16 audio
/// as long as the sentence would take to say (`perCharacter` per character), so marks, heard-text and
/// turn timings work as on a call. The chunk's first samples carry the sentence's number in their
/// lowest bit (`SentenceTag`, at most 1 LSB: still silence), which the printing transport reads back
/// to show the sentence when it is "played".
struct SilentTextToSpeech: TextToSpeech {
    let name = "silent"
    /// Speaking time per character (Conversation's estimate, 65 ms ÷ the agent's speaking rate).
    let perCharacter: Duration
    let sentences: SentenceLedger

    func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        let (events, continuation) = AsyncStream.makeStream(of: SynthesisEvent.self)
        guard request.format.encoding == .linear16 else {
            continuation.yield(.failed(.badRequest(detail: "the silent voice makes linear16 audio only")))
            continuation.finish()
            return events
        }
        let seconds = (perCharacter * request.text.count) / .seconds(1)
        let samples = max(SentenceTag.sampleCount, Int(seconds * Double(request.format.sampleRate.hertz)))
        var bytes = [UInt8](repeating: 0, count: samples * 2)
        SentenceTag.stamp(sentences.register(request.text), into: &bytes)
        continuation.yield(.audio(AudioChunk(format: request.format, bytes: bytes)))
        continuation.yield(.done)
        continuation.finish()
        return events
    }
}

/// The text of every sentence synthesized by `SilentTextToSpeech`, by number.
final class SentenceLedger: Sendable {
    private let texts = Mutex<[String]>([])

    /// Keeps `text`; returns its number.
    func register(_ text: String) -> UInt32 {
        texts.withLock { texts in
            texts.append(text)
            return UInt32(texts.count - 1)
        }
    }

    func text(_ number: UInt32) -> String? {
        texts.withLock { Int(number) < $0.count ? $0[Int(number)] : nil }
    }
}

/// A sentence number hidden in the lowest bit of the first samples of silent linear16 audio: a 16-bit
/// marker then the 32-bit number, one bit per sample (values 0 or 1, −90 dBFS). Pure.
enum SentenceTag {
    /// Marks audio that carries a tag (arbitrary, unlikely in real audio's low bits).
    static let marker: UInt16 = 0xC4A7
    static let sampleCount = 48

    static func stamp(_ number: UInt32, into bytes: inout [UInt8]) {
        let bits = UInt64(marker) << 32 | UInt64(number)
        for index in 0..<sampleCount where index * 2 < bytes.count {
            bytes[index * 2] = UInt8((bits >> UInt64(sampleCount - 1 - index)) & 1)
            bytes[index * 2 + 1] = 0
        }
    }

    /// The number stamped at the start of `bytes`, or nil when they carry no tag.
    static func read(_ bytes: [UInt8]) -> UInt32? {
        guard bytes.count >= sampleCount * 2 else { return nil }
        var bits: UInt64 = 0
        for index in 0..<sampleCount {
            guard bytes[index * 2] <= 1, bytes[index * 2 + 1] == 0 else { return nil }
            bits = bits << 1 | UInt64(bytes[index * 2])
        }
        guard UInt16(truncatingIfNeeded: bits >> 32) == marker else { return nil }
        return UInt32(truncatingIfNeeded: bits)
    }
}
