import Foundation
import Media
import SwitchboardTesting
import Testing
import Wire
@testable import Telephony

@Suite struct TwilioMessageParserTests {
    static let media = #"{"event":"media","sequenceNumber":"7","streamSid":"MZ1","media":{"track":"inbound","chunk":"6","timestamp":"120","payload":"/////w8P"}}"#
    static let start = #"{"event":"start","sequenceNumber":"1","streamSid":"MZ1","start":{"streamSid":"MZ1","accountSid":"AC7","callSid":"CA9","tracks":["inbound"],"customParameters":{"tenant":"acme"},"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}"#

    @Test func fastPathFindsThePayloadJSONSerializationSees() throws {
        let parser = TwilioMessageParser()
        guard case .media(let chunk) = try parser.parse(Self.media) else { Issue.record("not media"); return }
        let payload = String(decoding: Array(Self.media.utf8)[chunk.payload], as: UTF8.self)
        let object = try JSONSerialization.jsonObject(with: Data(Self.media.utf8)) as! [String: Any]
        #expect(payload == (object["media"] as! [String: Any])["payload"] as? String)
        #expect(chunk.track == .inbound)
    }

    @Test func fastPathAgreesWithJSONSerializationWithWhitespaceAndReorderedKeys() throws {
        let text = #" { "media" : { "payload" : "AAAA" , "extra" : [1, {"a": null}], "track":"outbound" } , "event" : "media" } "#
        guard case .media(let chunk) = try TwilioMessageParser().parse(text) else { Issue.record("not media"); return }
        #expect(String(decoding: Array(text.utf8)[chunk.payload], as: UTF8.self) == "AAAA")
        #expect(chunk.track == .outbound)
    }

    @Test func startCarriesIdsFormatAndParameters() throws {
        let message = try TwilioMessageParser().parse(Self.start)
        #expect(message == .start(TwilioStreamStart(streamSid: "MZ1", callSid: "CA9", accountSid: "AC7", tracks: ["inbound"],
                                                    customParameters: ["tenant": "acme"])))
    }

    @Test func rareEventsDecode() throws {
        let parser = TwilioMessageParser()
        #expect(try parser.parse(#"{"event":"connected","protocol":"Call","version":"1.0.0"}"#) == .connected)
        #expect(try parser.parse(#"{"event":"dtmf","streamSid":"MZ1","dtmf":{"track":"inbound_track","digit":"5"}}"#) == .dtmf(digit: "5"))
        #expect(try parser.parse(#"{"event":"mark","streamSid":"MZ1","mark":{"name":"m3"}}"#) == .mark(name: "m3"))
        #expect(try parser.parse(#"{"event":"stop","streamSid":"MZ1","stop":{"accountSid":"AC7","callSid":"CA9"}}"#) == .stop)
    }

    @Test(arguments: [
        (#"{"event":"hello"}"#, TwilioMessageError.Kind.unknownEvent),
        (#"{"event":"media"}"#, .malformedJSON),
        (#"{"event":"media","media":{"payload":"AAAA"}"#, .malformedJSON),
        (#"[1,2]"#, .malformedJSON),
        (#"{"event":"start","start":{"streamSid":"MZ","mediaFormat":{"encoding":"audio/l16","sampleRate":16000,"channels":1}}}"#, .unsupportedMediaFormat),
    ])
    func badMessagesAreTypedErrors(text: String, kind: TwilioMessageError.Kind) {
        #expect(throws: TwilioMessageError.self) { try TwilioMessageParser().parse(text) }
        do { _ = try TwilioMessageParser().parse(text) } catch { #expect(error.kind == kind) }
    }

    @Test func oversizeMessageIsRefusedBeforeScanning() {
        let parser = TwilioMessageParser(maxMessageBytes: 100)
        do { _ = try parser.parse(String(repeating: " ", count: 101)); Issue.record("accepted") } catch { #expect(error.kind == .messageTooLarge) }
    }

    @Test func everyTruncationFailsCleanly() {
        let bytes = Array(Self.start.utf8)
        for end in 0..<bytes.count {
            let text = String(decoding: bytes[..<end], as: UTF8.self)
            #expect(throws: TwilioMessageError.self) { try TwilioMessageParser().parse(text) }
        }
    }

    @Test func randomInputNeverCrashes() {
        var random = SeededRandom(seed: 42)
        let seeds = [Array(Self.media.utf8), Array(Self.start.utf8)]
        for round in 0..<3_000 {
            var bytes = seeds[round % 2]
            for _ in 0..<(1 + Int(random.next() % 6)) {
                let index = Int(random.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: random.next())
            }
            _ = try? bytes.withUnsafeBufferPointer { try TwilioMessageParser().parse($0) }
        }
    }
}

@Suite struct TwilioInboundAudioTests {
    @Test func payloadsAreReframedTo20msWithTheRemainderCarried() throws {
        var audio = TwilioInboundAudio()
        var frames: [AudioFrame] = []
        let codes = (0..<400).map { UInt8(truncatingIfNeeded: $0) }
        for piece in [codes[0..<90], codes[90..<300], codes[300..<400]] {
            var text = Base64.encode(piece)
            try text.withUTF8 { bytes throws in try audio.decode(payload: bytes) { frames.append($0) } }
        }
        #expect(frames.count == 2)
        #expect(audio.pendingBytes == 80)
        #expect(frames[1].samples == codes[160..<320].map(MuLaw.decode))
    }

    @Test func badBase64IsATypedError() {
        var audio = TwilioInboundAudio()
        var text = "!!!!"
        do {
            try text.withUTF8 { bytes throws in try audio.decode(payload: bytes) { _ in } }
            Issue.record("accepted")
        } catch let error as TwilioMessageError {
            #expect(error.kind == .invalidBase64)
        } catch { Issue.record("\(error)") }
    }
}

@Suite struct TwilioOutboundAndSignatureTests {
    @Test func outboundMessagesAreWhatTwilioAccepts() throws {
        let media = try JSONSerialization.jsonObject(with: Data(TwilioOutboundMessage.media(streamSid: "MZ\"1", mulaw: [0xFF, 0x7F]).utf8)) as! [String: Any]
        #expect(media["event"] as? String == "media" && media["streamSid"] as? String == "MZ\"1")
        #expect((media["media"] as! [String: Any])["payload"] as? String == "/38=")
        let mark = try JSONSerialization.jsonObject(with: Data(TwilioOutboundMessage.mark(streamSid: "MZ1", name: "m4").utf8)) as! [String: Any]
        #expect((mark["mark"] as! [String: Any])["name"] as? String == "m4")
        #expect(TwilioOutboundMessage.clear(streamSid: "MZ1") == #"{"event":"clear","streamSid":"MZ1"}"#)
    }

    /// protocols.md §1.4's test vector (recomputed with Python's hmac there).
    @Test func signatureMatchesTheDocumentedExample() {
        let signature = TwilioSignature(authToken: "12345")
        let parameters = [("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"), ("Digits", "1234"),
                          ("From", "+12349013030"), ("To", "+18005551212")]
        #expect(signature.signature(url: "https://mycompany.com/myapp.php?foo=1&bar=2", parameters: parameters) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
        #expect(signature.isValid("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: "https://mycompany.com/myapp.php?foo=1&bar=2", parameters: parameters))
        #expect(!signature.isValid("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", url: "https://mycompany.com/myapp.php?foo=1&bar=3", parameters: parameters))
    }

    @Test func upgradeSignatureIsAcceptedWithOrWithoutPortAndRejectedWhenWrong() {
        let signature = TwilioSignature(authToken: "secret")
        let signed = signature.signature(url: "wss://voice.example.com/twilio?x=1")
        #expect(signature.isValidUpgrade(signed, scheme: "wss", host: "voice.example.com:443", pathAndQuery: "/twilio?x=1"))
        #expect(signature.isValidUpgrade(signed, scheme: "wss", host: "voice.example.com", pathAndQuery: "/twilio?x=1"))
        #expect(!signature.isValidUpgrade(signed, scheme: "wss", host: "voice.example.com", pathAndQuery: "/twilio?x=2"))
        #expect(!TwilioSignature(authToken: "other").isValidUpgrade(signed, scheme: "wss", host: "voice.example.com", pathAndQuery: "/twilio?x=1"))
    }
}
