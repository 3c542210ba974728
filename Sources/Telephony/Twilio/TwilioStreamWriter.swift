import Media
import Net
import Speech

/// Writes agent audio, marks and clears as Twilio `media`/`mark`/`clear` messages (protocols.md §1.3).
struct TwilioStreamWriter: MediaStreamWriter {
    let connection: WebSocketConnection
    let streamSid: String
    var wireFormat: AudioFormat { .telephony }

    func wireBytes(for chunk: AudioChunk) -> [UInt8] {
        switch (chunk.format.encoding, chunk.format.sampleRate) {
        case (.mulaw, .hz8000):
            return chunk.bytes
        case (.linear16, .hz8000):
            return stride(from: 0, to: chunk.bytes.count - 1, by: 2).map {
                MuLaw.encode(Int16(bitPattern: UInt16(chunk.bytes[$0]) | UInt16(chunk.bytes[$0 + 1]) << 8))
            }
        default:
            // The session asks TTS for `.telephony` and refuses other formats; nothing else arrives.
            return []
        }
    }

    func writeAudio(_ bytes: ArraySlice<UInt8>) {
        _ = connection.send(text: TwilioOutboundMessage.media(streamSid: streamSid, mulaw: bytes))
    }

    func writeMark(_ name: String) {
        _ = connection.send(text: TwilioOutboundMessage.mark(streamSid: streamSid, name: name))
    }

    func writeClear() {
        _ = connection.send(text: TwilioOutboundMessage.clear(streamSid: streamSid))
    }
}
