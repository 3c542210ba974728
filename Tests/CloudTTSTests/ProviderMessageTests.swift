@testable import Providers
import Speech
import SwitchboardTesting
import Testing
import Wire

@Suite struct ProviderMessageTests {
    @Test func decodesCartesiaChunkDoneAndErrors() {
        let chunk = #"{"type":"chunk","data":"AAEC","done":false,"status_code":206,"step_time":41,"context_id":"c7"}"#
        #expect(CartesiaMessage.decode(chunk) == .success(.chunk(contextID: "c7", audio: [0, 1, 2])))
        #expect(CartesiaMessage.decode(#"{"type":"done","done":true,"status_code":206,"context_id":"c7"}"#) == .success(.done(contextID: "c7")))
        #expect(CartesiaMessage.decode(#"{"type":"timestamps","context_id":"c7","word_timestamps":{"words":[]}}"#)
                == .success(.other(contextID: "c7")))
        let error = #"{"type":"error","done":true,"title":"Invalid model","message":"The model is not valid","error_code":"model_not_found","status_code":400,"context_id":"c7"}"#
        #expect(CartesiaMessage.decode(error) == .success(.error(contextID: "c7", .badRequest(detail: "HTTP 400: Invalid model: The model is not valid"))))
        #expect(CartesiaMessage.decode(#"{"type":"error","error":"busy","status_code":503}"#) == .success(.error(contextID: nil, .overloaded)))
        #expect(CartesiaMessage.decode(#"{"type":"error","status_code":429,"context_id":"c"}"#)
                == .success(.error(contextID: "c", .rateLimited(retryAfter: nil))))
    }

    @Test func reportsUndecodableCartesiaMessagesWithTheirContext() {
        guard case .failure(let bad) = CartesiaMessage.decode(#"{"type":"chunk","data":"%%","context_id":"c9"}"#) else {
            Issue.record("bad base64 accepted")
            return
        }
        #expect(bad.contextID == "c9")
        guard case .malformedResponse = bad.error else { Issue.record("\(bad.error)"); return }
        guard case .failure(let notJSON) = CartesiaMessage.decode("{\"type\":") else { Issue.record("not JSON accepted"); return }
        #expect(notJSON.contextID == nil)
    }

    @Test func encodesCartesiaRequestsAsDocumented() throws {
        let text = CartesiaMessage.generation(contextID: "c1", transcript: "Hi \"there\"", model: "sonic-2", voice: "v-1",
                                              language: "en", format: .telephony)
        #expect(text == #"{"model_id":"sonic-2","transcript":"Hi \"there\"","voice":{"mode":"id","id":"v-1"},"language":"en","context_id":"c1","output_format":{"container":"raw","encoding":"pcm_mulaw","sample_rate":8000},"continue":false}"#)
        #expect(CartesiaMessage.cancel(contextID: "c1") == #"{"context_id":"c1","cancel":true}"#)
    }

    @Test func decodesElevenLabsStreamInputMessages() {
        #expect(ElevenLabsMessage.decode(#"{"audio":"AAE=","isFinal":null,"normalizedAlignment":{"chars":["a"]}}"#)
                == .success(.audio([0, 1], isFinal: false)))
        #expect(ElevenLabsMessage.decode(#"{"isFinal":true}"#) == .success(.final))
        #expect(ElevenLabsMessage.decode(#"{"audio":null,"isFinal":true}"#) == .success(.final))
        #expect(ElevenLabsMessage.decode(#"{"message":"quota","error":"quota_exceeded","code":1008}"#)
                == .success(.error(code: "quota_exceeded", message: "quota")))
        guard case .failure(.malformedResponse) = ElevenLabsMessage.decode(#"{"audio":"@@"}"#) else { Issue.record("bad base64"); return }
        guard case .failure(.malformedResponse) = ElevenLabsMessage.decode("[1]") else { Issue.record("not an object"); return }
    }

    /// Bounded random input: neither decoder traps, and every failure is `malformedResponse`.
    @Test func providerDecodersSurviveRandomInput() {
        var random = SeededRandom(seed: 0xCA27E5)
        let seeds = [#"{"type":"chunk","data":"AAEC","context_id":"c7"}"#, #"{"audio":"AAE=","isFinal":null}"#,
                     #"{"type":"error","status_code":400,"message":"m"}"#]
        for round in 0..<3000 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0...Int.random(in: 0...4, using: &random) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if case .failure(let failure) = CartesiaMessage.decode(text), case .malformedResponse = failure.error {} else if case .failure(let failure) = CartesiaMessage.decode(text) {
                Issue.record("unexpected \(failure)")
            }
            if case .failure(let error) = ElevenLabsMessage.decode(text), case .malformedResponse = error {} else if case .failure(let error) = ElevenLabsMessage.decode(text) {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func mapsStatusesAndKeepsTheKeyOutOfMessages() {
        #expect(TTSErrorMapping.forStatus(401, retryAfter: nil, message: nil) == .auth)
        #expect(TTSErrorMapping.forStatus(403, retryAfter: nil, message: nil) == .auth)
        #expect(TTSErrorMapping.forStatus(429, retryAfter: .seconds(3), message: nil) == .rateLimited(retryAfter: .seconds(3)))
        #expect(TTSErrorMapping.forStatus(429, retryAfter: nil, message: nil, quotaExhausted: true) == .auth)
        #expect(TTSErrorMapping.forStatus(503, retryAfter: nil, message: nil) == .overloaded)
        #expect(TTSErrorMapping.forStatus(422, retryAfter: nil, message: "bad voice") == .badRequest(detail: "HTTP 422: bad voice"))
        #expect(TTSErrorMapping.scrub("Incorrect API key provided: sk-secret-123.", secret: "sk-secret-123") == "Incorrect API key provided: ***.")
        #expect(TTSErrorMapping.providerMessage(body: Array(#"{"detail":[{"loc":["body"],"msg":"field required"}]}"#.utf8)) == "field required")
        #expect(TTSErrorMapping.providerMessage(body: Array(#"{"err_code":"X","err_msg":"Invalid credentials."}"#.utf8)) == "Invalid credentials.")
    }
}
