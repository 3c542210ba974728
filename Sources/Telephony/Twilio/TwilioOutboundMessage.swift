import Wire

/// The messages we send Twilio on a bidirectional stream (protocols.md §1.3): `media` with raw µ-law
/// 8 kHz as base64, `mark` and `clear`, each carrying the stream's `streamSid`.
public enum TwilioOutboundMessage {
    public static func media(streamSid: String, mulaw: some Collection<UInt8>) -> String {
        #"{"event":"media","streamSid":"# + JSONWriter.quoted(streamSid) + #","media":{"payload":""# + Base64.encode(mulaw) + #""}}"#
    }

    public static func mark(streamSid: String, name: String) -> String {
        #"{"event":"mark","streamSid":"# + JSONWriter.quoted(streamSid) + #","mark":{"name":"# + JSONWriter.quoted(name) + "}}"
    }

    public static func clear(streamSid: String) -> String {
        #"{"event":"clear","streamSid":"# + JSONWriter.quoted(streamSid) + "}"
    }
}
