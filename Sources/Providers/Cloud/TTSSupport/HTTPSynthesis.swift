import Wire
import Net
import Speech

/// The HTTP half shared by ElevenLabs (HTTP mode), OpenAI and Deepgram: POST the request, map an error
/// status with the vendor's message, stream the body through the edge converter into the run.
struct HTTPSynthesis: Sendable {
    /// Error bodies longer than this are cut (a vendor's error JSON is a few hundred bytes).
    static let maxErrorBodyBytes = 16 * 1024

    let client: StreamingHTTPClient
    let deadlines: TTSDeadlines
    let secret: String
    /// Whether an error answer says the account's quota or credit is used up (vendor specific).
    let isQuotaError: @Sendable (_ status: Int, _ body: JSONValue?) -> Bool

    /// curl's own deadlines sit a little behind the run's, which fire first and name the stage.
    static let backstop = Duration.milliseconds(500)

    func timeouts() -> HTTPClientTimeouts {
        HTTPClientTimeouts(connect: deadlines.connect,
                           firstByte: deadlines.connect + deadlines.firstAudio + Self.backstop,
                           idle: max(deadlines.stall, deadlines.firstAudio) + Self.backstop)
    }

    /// Runs `request` for `run`, converting from `providerFormat`. Returns the terminal event.
    func perform(_ request: HTTPClientRequest, providerFormat: AudioFormat, run: SynthesisRun) async -> SynthesisEvent {
        let converter: EdgeAudioConverter
        do throws(ProviderError) {
            converter = try EdgeAudioConverter(source: providerFormat, target: run.format)
        } catch {
            return .failed(error)
        }
        do {
            let response = try await client.stream(request)
            run.onAbort { response.cancel() }
            guard response.head.isSuccess else {
                let body = (try? await response.body.collect(upTo: Self.maxErrorBodyBytes)) ?? []
                return .failed(error(for: response.head, body: body))
            }
            if let type = response.head.headers["Content-Type"]?.lowercased(), type.hasPrefix("application/json") || type.hasPrefix("text/") {
                response.cancel()
                return .failed(.malformedResponse(detail: "expected audio, got Content-Type \(type)"))
            }
            for try await chunk in response.body {
                guard run.deliver(converter.convert(chunk)) else { return .failed(.cancelled) }
            }
            return .done
        } catch let error as HTTPClientError {
            return .failed(TTSErrorMapping.forHTTPClient(error, audioStarted: run.hasStarted))
        } catch {
            return .failed(.cancelled)
        }
    }

    private func error(for head: HTTPClientResponseHead, body: [UInt8]) -> ProviderError {
        let json = try? JSONParser(maxBytes: Self.maxErrorBodyBytes).parse(body)
        let message = (json.flatMap(TTSErrorMapping.providerMessage(json:)) ?? TTSErrorMapping.providerMessage(body: body))
            .map { TTSErrorMapping.scrub($0, secret: secret) }
        return TTSErrorMapping.forStatus(head.status, retryAfter: head.retryAfter, message: message,
                                         quotaExhausted: isQuotaError(head.status, json))
    }
}
