import Wire

/// The messages we send Twilio on a bidirectional stream (protocols.md §1.3): `media` with raw µ-law
/// 8 kHz as base64, `mark` and `clear`, each carrying the stream's `streamSid`.
public enum TwilioOutboundMessage {
    public static func media(streamSid: String, mulaw: some Collection<UInt8>) -> String {
        #"{"event":"media","streamSid":"# + JSONText.quoted(streamSid) + #","media":{"payload":""# + Base64.encode(mulaw) + #""}}"#
    }

    public static func mark(streamSid: String, name: String) -> String {
        #"{"event":"mark","streamSid":"# + JSONText.quoted(streamSid) + #","mark":{"name":"# + JSONText.quoted(name) + "}}"
    }

    public static func clear(streamSid: String) -> String {
        #"{"event":"clear","streamSid":"# + JSONText.quoted(streamSid) + "}"
    }
}

/// JSON string literals for the hand-built messages (RFC 8259 §7).
enum JSONText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
