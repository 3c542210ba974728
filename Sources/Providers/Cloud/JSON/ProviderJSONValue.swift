/// A JSON value as a provider sent it (a Deepgram result, an AssemblyAI turn, an OpenAI transcription):
/// what `ProviderJSONParser` returns. Numbers are kept as `Double`; the adapters read only small
/// counts, seconds and confidences from them.
public enum ProviderJSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ProviderJSONValue])
    case object([String: ProviderJSONValue])

    /// The member `key`, if this is an object that has it.
    public subscript(key: String) -> ProviderJSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, if this is a string.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, if this is a number.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is a boolean.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var array: [ProviderJSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// Whether this is an object.
    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}

/// Why bytes are not a JSON document the parser accepts, and the byte offset where it noticed.
public struct ProviderJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at byte \(offset)" }
}

/// JSON string escaping for the few messages adapters build by hand. Pure.
public enum ProviderJSONText {
    /// `value` as a quoted JSON string (RFC 8259 §7: quote, backslash and control characters escaped).
    public static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
