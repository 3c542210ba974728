/// JSON text for hand-built messages and request bodies: string literals escaped per RFC 8259 §7,
/// numbers without needless fractions, and checks for raw fragments spliced in. Pure.
public enum JSONWriter {
    /// Integers below 2^53 (about 9.007e15) are exact in a Double, so they print without a fraction.
    public static let maxExactInteger = 9.0e15

    /// `value` as a quoted JSON string: quote, backslash and C0 controls escaped, the rest as is.
    public static func quoted(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count + 2)
        appendQuoted(value, to: &out)
        return out
    }

    /// Appends `value` as a quoted JSON string to `out`.
    public static func appendQuoted(_ value: String, to out: inout String) {
        out += "\""
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
        out += "\""
    }

    /// A number as JSON: exact integers without a fraction; NaN and infinities, which JSON cannot say,
    /// become 0.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < maxExactInteger { return String(Int64(value)) }
        return String(value)
    }

    /// Whether `text` is one JSON object (`{…}`), as tool arguments and schemas must be.
    public static func isObject(_ text: String, parser: JSONParser = JSONParser()) -> Bool {
        (try? parser.parse(text))?.isObject ?? false
    }

    /// `text` if it is a JSON object, else `{}` (a model that streamed no or broken arguments).
    public static func objectOrEmpty(_ text: String) -> String { isObject(text) ? text : "{}" }

    /// A string-to-string map as a JSON object, keys sorted (stable output for tests and logs).
    public static func stringMap(_ map: [String: String]) -> String {
        JSONObjectWriter.object { writer in
            for key in map.keys.sorted() { writer.string(key, map[key] ?? "") }
        }
    }
}

/// Builds a JSON object as text, members in the order written, with raw fragments (a tool's parameter
/// schema, a model's tool arguments) spliced in as they are once checked to be JSON. Pure.
public struct JSONObjectWriter: Sendable {
    private var text = "{"
    private var isEmpty = true

    public init() {}

    /// Appends `"key": "value"`.
    public mutating func string(_ key: String, _ value: String) { raw(key, JSONWriter.quoted(value)) }
    /// Appends `"key": value` for an integer.
    public mutating func int(_ key: String, _ value: Int) { raw(key, String(value)) }
    /// Appends `"key": value` for a number (integral values without a fraction).
    public mutating func double(_ key: String, _ value: Double) { raw(key, JSONWriter.number(value)) }
    /// Appends `"key": true|false`.
    public mutating func bool(_ key: String, _ value: Bool) { raw(key, value ? "true" : "false") }
    /// Appends `"key": null`.
    public mutating func null(_ key: String) { raw(key, "null") }
    /// Appends `"key": <json>` with `json` already valid JSON text.
    public mutating func raw(_ key: String, _ json: String) {
        if !isEmpty { text += "," }
        isEmpty = false
        JSONWriter.appendQuoted(key, to: &text)
        text += ":" + json
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
