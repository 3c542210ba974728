import Conversation
import Net
import Speech

/// How one media-stream protocol puts agent audio, marks and clears on its WebSocket (Twilio JSON, raw
/// PCM binary frames). Used by `PacedStreamTransport`, on the call's loop thread.
protocol MediaStreamWriter {
    var connection: WebSocketConnection { get }
    /// The stream's wire format for audio.
    var wireFormat: AudioFormat { get }
    /// Converts a chunk of the session's output format to wire bytes.
    mutating func wireBytes(for chunk: AudioChunk) -> [UInt8]
    func writeAudio(_ bytes: ArraySlice<UInt8>)
    func writeMark(_ name: String)
    func writeClear()
}

extension MarkID {
    /// The name a mark travels under (`m12`).
    var wireName: String { "m\(rawValue)" }

    /// The mark a wire name stands for, if it is one of ours.
    init?(wireName: String) {
        guard wireName.first == "m", let value = Int(wireName.dropFirst()) else { return nil }
        self.init(value)
    }
}
