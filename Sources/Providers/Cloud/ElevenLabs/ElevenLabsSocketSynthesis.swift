import Agents
import Net
import Speech
import Wire

/// One sentence over ElevenLabs' `stream-input` WebSocket: connect (`xi-api-key` header), send BOS, the
/// text (ending with a space), EOS (`{"text":""}`), then read audio until `isFinal`. Cancelling closes
/// the socket: single-context mode has no cancel verb (protocols.md §5.3).
struct ElevenLabsSocketSynthesis: Sendable {
    let url: String
    let apiKey: Secret
    let deadlines: TTSDeadlines
    let network: ProviderNetwork
    let initialMessage: String
    let text: String

    func perform(providerFormat: AudioFormat, run: SynthesisRun) async -> SynthesisEvent {
        let converter: EdgeAudioConverter
        do throws(ProviderError) {
            converter = try EdgeAudioConverter(source: providerFormat, target: run.format)
        } catch {
            return .failed(error)
        }
        var options = WebSocketClientOptions()
        options.connectTimeout = deadlines.connect
        options.handshakeTimeout = deadlines.connect
        let connection: WebSocketClientConnection
        do throws(WebSocketClientError) {
            connection = try await WebSocketClient.connect(url: url, headers: ["xi-api-key": apiKey.reveal()], on: network.loops,
                                                           tls: network.webSocketTrust, options: options)
        } catch {
            return .failed(TTSErrorMapping.forWebSocket(error, secret: apiKey.reveal()))
        }
        run.onAbort { Task { await connection.close(code: .normalClosure, reason: "cancelled") } }
        let spoken = text.hasSuffix(" ") ? text : text + " "
        do throws(WebSocketClientError) {
            try await connection.send(text: initialMessage)
            try await connection.send(text: JSONValue.object([("text", .string(spoken))]).encoded())
            try await connection.send(text: #"{"text":""}"#)
            run.connected()
            for try await message in connection.messages {
                guard case .text(let text) = message else { continue }
                switch ElevenLabsMessage.decode(text) {
                case .failure(let error):
                    await connection.close()
                    return .failed(error)
                case .success(.audio(let bytes, let isFinal)):
                    guard run.deliver(converter.convert(bytes)) else { return .failed(.cancelled) }
                    if isFinal { await connection.close(); return .done }
                case .success(.final):
                    await connection.close()
                    return .done
                case .success(.error(let code, let message)):
                    await connection.close()
                    return .failed(Self.error(code: code, message: TTSErrorMapping.scrub(message, secret: apiKey.reveal())))
                }
            }
            return .failed(.connectionLost)  // the server closed before isFinal
        } catch {
            return .failed(TTSErrorMapping.forWebSocket(error, secret: apiKey.reveal()))
        }
    }

    /// ElevenLabs' in-band error words.
    static func error(code: String?, message: String) -> ProviderError {
        switch code {
        case "quota_exceeded", "invalid_api_key", "unauthorized": .auth
        case "rate_limited", "too_many_concurrent_requests": .rateLimited(retryAfter: nil)
        case "system_busy", "internal_error": .overloaded
        default: .badRequest(detail: message)
        }
    }
}
