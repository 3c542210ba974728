import Speech

/// Collects streamed tool-call fragments keyed by their index (shared/protocols.md §4.2): the first
/// fragment for an index brings `id` and `name`, later ones pieces of `arguments`, indices may
/// interleave, and a server may send a whole call in one fragment. Pure.
public struct ToolCallAssembler: Sendable {
    private struct Partial: Sendable {
        var id = ""
        var name = ""
        var arguments = ""
    }

    private var partials: [Int: Partial] = [:]
    private var order: [Int] = []

    public init() {}

    public var isEmpty: Bool { order.isEmpty }

    /// Adds one fragment; `id` and `name` are taken when first present, `arguments` appended.
    public mutating func add(index: Int, id: String?, name: String?, arguments: String?) {
        if partials[index] == nil {
            partials[index] = Partial()
            order.append(index)
        }
        if let id, !id.isEmpty, partials[index]?.id.isEmpty == true { partials[index]?.id = id }
        if let name, !name.isEmpty, partials[index]?.name.isEmpty == true { partials[index]?.name = name }
        if let arguments { partials[index]?.arguments += arguments }
    }

    /// The calls in first-seen order, emptied. A call with no arguments gets `{}`; one without an id
    /// gets `call_<index>` so its result can still be matched.
    public mutating func takeCalls() -> [ToolCall] {
        defer { partials = [:]; order = [] }
        return order.compactMap { index in
            guard let partial = partials[index], !partial.name.isEmpty else { return nil }
            return ToolCall(id: partial.id.isEmpty ? "call_\(index)" : partial.id, name: partial.name,
                            argumentsJSON: partial.arguments.isEmpty ? "{}" : partial.arguments)
        }
    }
}
