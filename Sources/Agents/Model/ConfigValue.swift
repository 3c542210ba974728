/// A free-form, JSON-compatible value from a YAML file: provider `settings` (each provider defines its
/// own keys) and tool parameter schemas. Scalars keep the type YAML gives them when written plainly
/// (`16000` is an integer, `0.5` a double, `true` a boolean); quoted scalars are always strings.
public enum ConfigValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([ConfigValue])
    case map([String: ConfigValue])

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an integer.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The number, if this is an integer or a double.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The boolean, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is a list.
    public var listValue: [ConfigValue]? {
        if case .list(let value) = self { return value }
        return nil
    }

    /// The entries, if this is a map.
    public var mapValue: [String: ConfigValue]? {
        if case .map(let value) = self { return value }
        return nil
    }

    /// The entry for `key`, if this is a map that has it.
    public subscript(key: String) -> ConfigValue? {
        mapValue?[key]
    }
}
