import Agents
import Net
import ProviderFakes
import Providers
import Speech
import Testing

@Suite struct AdapterSetupTests {
    @Test func namesAreTheProviderKinds() throws {
        let net = try TTSTestNetwork()
        defer { net.group.syncShutdown(); net.network.http.shutdown() }
        #expect(try ElevenLabsTTS(settings: ttsConfig(.elevenlabs, baseURL: "https://api.elevenlabs.io"), network: net.network).name == "elevenlabs")
        #expect(try CartesiaTTS(settings: ttsConfig(.cartesia, baseURL: "wss://api.cartesia.ai"), network: net.network).name == "cartesia")
        #expect(try OpenAISpeechTTS(settings: ttsConfig(.openai, baseURL: "https://api.openai.com"), network: net.network).name == "openai")
        #expect(try DeepgramAuraTTS(settings: ttsConfig(.deepgram, baseURL: "https://api.deepgram.com"), network: net.network).name == "deepgram")
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080", true), ("http://localhost:1", true), ("http://[::1]:9", true), ("https://proxy.example.com/tts", true),
        ("http://proxy.example.com", false), ("ftp://127.0.0.1", false), ("not a url", false), ("https://user@host", false),
    ])
    func baseURLMustBeSecureUnlessLoopback(url: String, accepted: Bool) throws {
        let net = try TTSTestNetwork()
        defer { net.group.syncShutdown(); net.network.http.shutdown() }
        let made = try? DeepgramAuraTTS(settings: ttsConfig(.deepgram, baseURL: url), network: net.network)
        #expect((made != nil) == accepted)
    }

    @Test func badSettingsNameTheSetting() throws {
        let net = try TTSTestNetwork()
        defer { net.group.syncShutdown(); net.network.http.shutdown() }
        do {
            _ = try CartesiaTTS(settings: ttsConfig(.cartesia, baseURL: "wss://x.example", extra: ["stall_timeout_ms": .int(0)]), network: net.network)
            Issue.record("accepted a zero stall timeout")
        } catch {
            #expect(error.description.contains("stall_timeout_ms"))
        }
        do {
            _ = try ElevenLabsTTS(settings: ttsConfig(.elevenlabs, baseURL: "https://x.example", extra: ["transport": .string("grpc")]),
                                  network: net.network)
            Issue.record("accepted transport grpc")
        } catch {
            #expect(error.description.contains("settings.transport"))
        }
    }

    /// A provider that echoes the key in a 400 message: the adapter's error keeps the message, not the key.
    @Test func echoedKeyIsScrubbedFromBadRequestDetail() async throws {
        let net = try TTSTestNetwork()
        let fake = try await FakeHTTPStreamServer.start(on: net.group, log: FakeTTSLog()) { request in
            let key = (request.headers["authorization"] ?? "").replacing("Bearer ", with: "")
            return .json(status: 400, #"{"error":{"message":"Voice 'x' not available for key \#(key)","type":"invalid_request_error"}}"#)
        }
        let tts = try OpenAISpeechTTS(settings: ttsConfig(.openai, baseURL: fake.baseURL), network: net.network)
        let result = try await collect(tts.synthesize(SynthesisRequest(text: "Hi.", voice: "x", format: .telephony)))
        #expect(result.error == .badRequest(detail: "HTTP 400: Voice 'x' not available for key ***"))
        #expect(!textError(result.error).contains(testAPIKey))
        await fake.stop()
        await net.close()
    }
}
