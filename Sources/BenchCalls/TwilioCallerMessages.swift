/// The messages a Twilio Media Streams caller sends (protocols.md §1.3), in Twilio's shapes, and a
/// light classifier for what the agent sends back (`media`, `mark`, `clear`).
enum TwilioCallerMessages {
    static let connected = #"{"event":"connected","protocol":"Call","version":"1.0.0"}"#

    static func start(streamSid: String, callSid: String, sequence: Int) -> String {
        #"{"event":"start","sequenceNumber":"\#(sequence)","start":{"accountSid":"ACbench","streamSid":"\#(streamSid)","callSid":"\#(callSid)","tracks":["inbound"],"customParameters":{},"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}},"streamSid":"\#(streamSid)"}"#
    }

    static func media(streamSid: String, sequence: Int, chunk: Int, timestampMilliseconds: Int, payload: String) -> String {
        #"{"event":"media","sequenceNumber":"\#(sequence)","media":{"track":"inbound","chunk":"\#(chunk)","timestamp":"\#(timestampMilliseconds)","payload":"\#(payload)"},"streamSid":"\#(streamSid)"}"#
    }

    /// Twilio's answer when playback reaches a mark the server sent.
    static func mark(streamSid: String, sequence: Int, name: String) -> String {
        #"{"event":"mark","sequenceNumber":"\#(sequence)","streamSid":"\#(streamSid)","mark":{"name":"\#(name)"}}"#
    }

    static func stop(streamSid: String, callSid: String, sequence: Int) -> String {
        #"{"event":"stop","sequenceNumber":"\#(sequence)","streamSid":"\#(streamSid)","stop":{"accountSid":"ACbench","callSid":"\#(callSid)"}}"#
    }

    /// What the agent sent.
    enum Inbound: Equatable {
        /// Audio: this many µ-law bytes (8 per millisecond).
        case media(bytes: Int)
        case mark(name: String)
        case clear
        case other
    }

    /// Classifies a message from the server by its `event` and reads only what the caller needs.
    static func classify(_ text: String) -> Inbound {
        var text = text
        return text.withUTF8 { bytes in
            if find(#""event":"media""#, in: bytes) != nil {
                guard let start = find(#""payload":""#, in: bytes) else { return .other }
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                var padding = 0
                if end > start, bytes[end - 1] == UInt8(ascii: "=") { padding += 1 }
                if end > start + 1, bytes[end - 2] == UInt8(ascii: "=") { padding += 1 }
                return .media(bytes: (end - start) / 4 * 3 - padding)
            }
            if find(#""event":"mark""#, in: bytes) != nil {
                guard let start = find(#""name":""#, in: bytes) else { return .other }
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                return .mark(name: String(decoding: bytes[start..<end], as: UTF8.self))
            }
            if find(#""event":"clear""#, in: bytes) != nil { return .clear }
            return .other
        }
    }

    /// The index just past the first occurrence of `needle` in `bytes`.
    static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard pattern.count <= bytes.count else { return nil }
        var index = 0
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] {
                var matched = 1
                while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return index + matched }
            }
            index += 1
        }
        return nil
    }
}
