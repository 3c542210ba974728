import Agents
import Wire

extension ConfigValue {
    /// The value as compact JSON text, object keys sorted (so the same schema always encodes the same
    /// way). Doubles that are not finite become `null`, as JSON has no spelling for them. Pure.
    public var jsonText: String {
        var text = ""
        append(to: &text)
        return text
    }

    private func append(to text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .int(let value): text += String(value)
        case .double(let value): text += value.isFinite ? String(value) : "null"
        case .string(let value): JSONWriter.appendQuoted(value, to: &text)
        case .list(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.append(to: &text)
            }
            text += "]"
        case .map(let entries):
            text += "{"
            for (index, key) in entries.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                JSONWriter.appendQuoted(key, to: &text)
                text += ":"
                entries[key]!.append(to: &text)
            }
            text += "}"
        }
    }
}
