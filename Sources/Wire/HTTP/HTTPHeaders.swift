/// The header (or trailer) fields of one HTTP message, in the order they arrived, repeats kept.
/// Lookup by name is ASCII case-insensitive (RFC 9110 §5.1); names keep the case they were sent with.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One field line: a name and its value with surrounding whitespace removed.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    public private(set) var fields: [Field]

    public init() { fields = [] }
    public init(reservingCapacity capacity: Int) {
        fields = []
        fields.reserveCapacity(capacity)
    }
    public init(_ pairs: [(String, String)]) { fields = pairs.map { Field(name: $0.0, value: $0.1) } }
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first value of the field `name`, if any.
    public subscript(name: String) -> String? {
        fields.first { ASCII.caseInsensitiveEquals($0.name, name) }?.value
    }

    /// Every value of the field `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { ASCII.caseInsensitiveEquals($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// The comma-separated list elements of every `name` field (RFC 9110 §5.6.1), trimmed, empty ones
    /// dropped, in order. `Connection: keep-alive, Upgrade` gives `["keep-alive", "Upgrade"]`.
    public func listElements(for name: String) -> [String] {
        var result: [String] = []
        for value in values(for: name) {
            for element in value.split(separator: ",", omittingEmptySubsequences: true) {
                let trimmed = ASCII.trimmingWhitespace(element)
                if !trimmed.isEmpty { result.append(String(trimmed)) }
            }
        }
        return result
    }

    /// True when a list element of `name` equals `token`, ignoring ASCII case (`Connection: close`).
    public func containsToken(_ token: String, in name: String) -> Bool {
        listElements(for: name).contains { ASCII.caseInsensitiveEquals($0, token) }
    }

    /// Appends a field, keeping any existing ones with the same name.
    public mutating func add(name: String, value: String) { fields.append(Field(name: name, value: value)) }

    /// Removes every field called `name`, then appends one with `value`.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes every field called `name`.
    public mutating func remove(name: String) {
        fields.removeAll { ASCII.caseInsensitiveEquals($0.name, name) }
    }

    /// Appends text to the last field's value (response obs-fold, RFC 9112 §5.2).
    mutating func appendToLastValue(_ text: String) {
        guard !fields.isEmpty else { return }
        fields[fields.count - 1].value += text
    }

    public var description: String { fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n") }
}
