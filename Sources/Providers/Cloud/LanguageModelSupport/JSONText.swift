import Foundation

/// Builds JSON request bodies as text: objects with keys in the order written, strings escaped per
/// RFC 8259 §7, and raw fragments (a tool's parameter schema, a model's tool arguments) spliced in as
/// they are once checked to be JSON. Pure: no I/O.
public struct JSONObjectWriter: Sendable {
    private var text = "{"
    private var isEmpty = true

    public init() {}

    /// Appends `"key": "value"`.
    public mutating func string(_ key: String, _ value: String) { raw(key, JSONText.quoted(value)) }
    /// Appends `"key": value` for an integer.
    public mutating func int(_ key: String, _ value: Int) { raw(key, String(value)) }
    /// Appends `"key": value` for a number (integral values without a fraction).
    public mutating func double(_ key: String, _ value: Double) { raw(key, JSONText.number(value)) }
    /// Appends `"key": true|false`.
    public mutating func bool(_ key: String, _ value: Bool) { raw(key, value ? "true" : "false") }
    /// Appends `"key": null`.
    public mutating func null(_ key: String) { raw(key, "null") }
    /// Appends `"key": <json>` with `json` already valid JSON text.
    public mutating func raw(_ key: String, _ json: String) {
        if !isEmpty { text += "," }
        isEmpty = false
        text += JSONText.quoted(key) + ":" + json
    }
    /// Appends `"key": [<element>, …]` with each element already JSON text.
    public mutating func array(_ key: String, _ elements: [String]) { raw(key, "[" + elements.joined(separator: ",") + "]") }
    /// Appends `"key": {…}` built by `build`.
    public mutating func object(_ key: String, _ build: (inout JSONObjectWriter) -> Void) {
        var nested = JSONObjectWriter()
        build(&nested)
        raw(key, nested.finished)
    }

    /// The object's JSON text.
    public var finished: String { text + "}" }

    /// An object built by `build`.
    public static func object(_ build: (inout JSONObjectWriter) -> Void) -> String {
        var writer = JSONObjectWriter()
        build(&writer)
        return writer.finished
    }
}

/// Small JSON helpers shared by the request encoders and the webhook runner.
public enum JSONText {
    /// `value` as a JSON string literal (RFC 8259 §7: quote, backslash and C0 controls escaped).
    public static func quoted(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
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

    /// A finite number as JSON (NaN and infinities, which JSON cannot say, become 0).
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// The parsed value if `text` is one JSON value (object, array or scalar), else nil.
    public static func parse(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Whether `text` is a JSON object (`{…}`), as tool arguments and schemas must be.
    public static func isObject(_ text: String) -> Bool { parse(text) is [String: Any] }

    /// `text` if it is a JSON object, else `{}` (a model that streamed no or broken arguments).
    public static func objectOrEmpty(_ text: String) -> String { isObject(text) ? text : "{}" }

    /// A string-to-string map as a JSON object, keys sorted (stable output for tests and logs).
    public static func stringMap(_ map: [String: String]) -> String {
        JSONObjectWriter.object { writer in
            for key in map.keys.sorted() { writer.string(key, map[key] ?? "") }
        }
    }
}
