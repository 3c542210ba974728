import Speech
import Wire

/// Cartesia's WebSocket messages (protocols.md §5.4), encoded and decoded purely.
enum CartesiaMessage {
    /// What the server said about one context (or about the socket, when `contextID` is nil).
    enum Server: Sendable, Equatable {
        case chunk(contextID: String, audio: [UInt8])
        case done(contextID: String)
        /// `timestamps`, `flush_done` and other informational messages.
        case other(contextID: String?)
        case error(contextID: String?, ProviderError)
    }

    /// A server message that could not be read; `contextID` when it could still be told whose it was.
    struct Undecodable: Error, Sendable, Equatable {
        var contextID: String?
        var error: ProviderError
    }

    /// The generation request for one sentence: the whole transcript, `continue: false` (the context ends
    /// with it), raw output in `format`.
    static func generation(contextID: String, transcript: String, model: String, voice: String, language: String,
                           format: AudioFormat) -> String {
        JSONValue.object([
            ("model_id", .string(model)),
            ("transcript", .string(transcript)),
            ("voice", .object([("mode", .string("id")), ("id", .string(voice))])),
            ("language", .string(language)),
            ("context_id", .string(contextID)),
            ("output_format", .object([("container", .string("raw")), ("encoding", .string(encodingName(format.encoding))),
                                       ("sample_rate", .number(Double(format.sampleRate.hertz)))])),
            ("continue", .bool(false)),
        ]).encoded()
    }

    static func cancel(contextID: String) -> String {
        JSONValue.object([("context_id", .string(contextID)), ("cancel", .bool(true))]).encoded()
    }

    static func encodingName(_ encoding: AudioEncoding) -> String {
        switch encoding {
        case .linear16: "pcm_s16le"
        case .mulaw: "pcm_mulaw"
        case .alaw: "pcm_alaw"
        }
    }

    static func decode(_ text: String, parser: JSONParser = JSONParser()) -> Result<Server, Undecodable> {
        let json: JSONValue
        do throws(JSONParseError) {
            json = try parser.parse(text)
        } catch {
            return .failure(Undecodable(contextID: nil, error: .malformedResponse(detail: "Cartesia message is not JSON: \(error)")))
        }
        let contextID = json["context_id"]?.stringValue
        guard let type = json["type"]?.stringValue else {
            return .failure(Undecodable(contextID: contextID, error: .malformedResponse(detail: "Cartesia message without \"type\"")))
        }
        switch type {
        case "chunk":
            guard let contextID else { return .failure(Undecodable(contextID: nil, error: .malformedResponse(detail: "Cartesia chunk without context_id"))) }
            guard let data = json["data"]?.stringValue, let audio = Base64.decode(data) else {
                return .failure(Undecodable(contextID: contextID, error: .malformedResponse(detail: "Cartesia chunk \"data\" is not base64")))
            }
            return .success(.chunk(contextID: contextID, audio: audio))
        case "done":
            guard let contextID else { return .failure(Undecodable(contextID: nil, error: .malformedResponse(detail: "Cartesia done without context_id"))) }
            return .success(.done(contextID: contextID))
        case "error":
            return .success(.error(contextID: contextID, error(json)))
        default:
            return .success(.other(contextID: contextID))
        }
    }

    /// An in-band error by its `status_code`, with `title`/`message` (or the older single `error` string).
    static func error(_ json: JSONValue) -> ProviderError {
        let message = [json["title"]?.stringValue, json["message"]?.stringValue ?? json["error"]?.stringValue]
            .compactMap { $0 }.joined(separator: ": ")
        let status = json["status_code"]?.intValue ?? 400
        let code = json["error_code"]?.stringValue ?? ""
        let quota = code.contains("quota") || code.contains("credit")
        return TTSErrorMapping.forStatus(status, retryAfter: nil, message: message.isEmpty ? nil : message, quotaExhausted: quota)
    }
}
