import Media
import Wire

/// Turns `media` payloads (base64 µ-law 8 kHz of any length) into 20 ms `AudioFrame`s: base64 is
/// decoded into one reused buffer, whole frames are µ-law-decoded, and a remainder shorter than a frame
/// waits for the next payload. One per call; the per-frame path allocates only each frame's samples
/// (the session keeps them).
public struct TwilioInboundAudio {
    /// Two seconds of µ-law: far more than the 20 ms Twilio sends per message.
    public static let defaultMaxPayloadBytes = 16_000
    /// µ-law at 8 kHz: one byte per sample, 160 per 20 ms frame.
    static let frameBytes = SampleRate.hz8000.samplesPerFrame

    public let maxPayloadBytes: Int
    private var decoded: [UInt8]
    /// Bytes of the last payload that did not fill a frame (fewer than `frameBytes`).
    private var remainder: [UInt8]

    public init(maxPayloadBytes: Int = TwilioInboundAudio.defaultMaxPayloadBytes) {
        self.maxPayloadBytes = maxPayloadBytes
        decoded = [UInt8](repeating: 0, count: maxPayloadBytes + Self.frameBytes)
        remainder = []
        remainder.reserveCapacity(Self.frameBytes)
    }

    /// Bytes waiting for the rest of their frame.
    public var pendingBytes: Int { remainder.count }

    /// Decodes one payload (its base64 text) and hands each completed frame to `deliver`, in order.
    public mutating func decode(payload: UnsafeBufferPointer<UInt8>, _ deliver: (AudioFrame) -> Void) throws(TwilioMessageError) {
        guard payload.count / 4 * 3 <= maxPayloadBytes else {
            throw TwilioMessageError(.payloadTooLarge, at: 0, "\(payload.count) base64 characters, limit \(maxPayloadBytes) bytes")
        }
        let carried = remainder.count
        let count = decoded.withUnsafeMutableBufferPointer { buffer -> Int? in
            for (offset, byte) in remainder.enumerated() { buffer[offset] = byte }
            return Base64.decode(bytes: payload, into: UnsafeMutableBufferPointer(rebasing: buffer[carried...]))
        }
        guard let count else { throw TwilioMessageError(.invalidBase64, at: 0, "media.payload is not canonical base64") }
        let total = carried + count
        let whole = total / Self.frameBytes * Self.frameBytes
        remainder.removeAll(keepingCapacity: true)
        decoded.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < whole {
                let codes = UnsafeBufferPointer(rebasing: buffer[start..<(start + Self.frameBytes)])
                let samples = [Int16](unsafeUninitializedCapacity: Self.frameBytes) { out, initialized in
                    MuLaw.decode(codes, into: out)
                    initialized = Self.frameBytes
                }
                deliver(AudioFrame(sampleRate: .hz8000, samples: samples))
                start += Self.frameBytes
            }
            remainder.append(contentsOf: buffer[whole..<total])
        }
    }
}
