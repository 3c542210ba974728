import Foundation

/// Decodes the messages that come once or a few times per call (`connected`, `start`, `dtmf`, `mark`,
/// `stop`) with `JSONSerialization`: too rare to need the fast path.
enum TwilioRareEventDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, event: String, eventOffset: Int) throws(TwilioMessageError) -> TwilioMessage {
        switch event {
        case "connected": return .connected
        case "stop": return .stop
        case "start", "dtmf", "mark": break
        default: throw TwilioMessageError(.unknownEvent, at: eventOffset, "event \"\(event.prefix(40))\"")
        }
        let object: [String: Any]
        do {
            guard let decoded = try JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any] else {
                throw TwilioMessageError(.malformedJSON, at: 0, "not an object")
            }
            object = decoded
        } catch let error as TwilioMessageError {
            throw error
        } catch {
            throw TwilioMessageError(.malformedJSON, at: 0, "not JSON")
        }
        func section(_ name: String) throws(TwilioMessageError) -> [String: Any] {
            guard let value = object[name] as? [String: Any] else { throw TwilioMessageError(.malformedJSON, "\(event) without \"\(name)\" object") }
            return value
        }
        switch event {
        case "dtmf":
            guard let digit = try section("dtmf")["digit"] as? String, digit.count == 1, let key = digit.first,
                  "0123456789*#ABCDabcd".contains(key) else {
                throw TwilioMessageError(.malformedJSON, "dtmf.digit must be one key")
            }
            return .dtmf(digit: Character(key.uppercased()))
        case "mark":
            guard let name = try section("mark")["name"] as? String else { throw TwilioMessageError(.malformedJSON, "mark.name missing") }
            return .mark(name: name)
        default:
            return .start(try start(section("start"), object: object))
        }
    }

    static func start(_ start: [String: Any], object: [String: Any]) throws(TwilioMessageError) -> TwilioStreamStart {
        guard let streamSid = start["streamSid"] as? String ?? object["streamSid"] as? String, !streamSid.isEmpty else {
            throw TwilioMessageError(.malformedJSON, "start without streamSid")
        }
        let format = start["mediaFormat"] as? [String: Any] ?? [:]
        var parameters: [String: String] = [:]
        for (name, value) in start["customParameters"] as? [String: Any] ?? [:] {
            parameters[name] = value as? String ?? "\(value)"
        }
        let result = TwilioStreamStart(
            streamSid: streamSid, callSid: start["callSid"] as? String ?? "", accountSid: start["accountSid"] as? String ?? "",
            tracks: start["tracks"] as? [String] ?? [], customParameters: parameters,
            encoding: format["encoding"] as? String ?? TwilioMediaFormat.encoding,
            sampleRate: (format["sampleRate"] as? NSNumber)?.intValue ?? TwilioMediaFormat.sampleRate,
            channels: (format["channels"] as? NSNumber)?.intValue ?? TwilioMediaFormat.channels)
        guard result.encoding == TwilioMediaFormat.encoding, result.sampleRate == TwilioMediaFormat.sampleRate,
              result.channels == TwilioMediaFormat.channels else {
            throw TwilioMessageError(.unsupportedMediaFormat, "\(result.encoding) \(result.sampleRate) Hz × \(result.channels)")
        }
        return result
    }
}
