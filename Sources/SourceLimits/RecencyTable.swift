/// A map with a fixed capacity that forgets its stalest key to make room: every `update` marks its key
/// the freshest, and inserting a new key at capacity evicts the key least recently updated. Memory is
/// bounded by `capacity` whatever keys arrive (a flood of spoofed source addresses only recycles slots).
/// All operations are O(1): the recency order is a doubly linked list threaded through one array.
/// Pure: no clock, no I/O. Owned by one limiter; not thread-safe (a value type).
public struct RecencyTable<Key: Hashable, Value> {
    struct Node {
        var key: Key
        var value: Value
        /// Neighbours in recency order (`none` at the ends).
        var staler: Int
        var fresher: Int
    }

    private static var none: Int { -1 }

    public let capacity: Int
    private var nodes: [Node] = []
    private var slots: [Key: Int] = [:]
    private var stalest = RecencyTable.none
    private var freshest = RecencyTable.none

    /// `capacity` is clamped to at least 1.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Keys held (at most `capacity`).
    public var count: Int { slots.count }

    /// The value for `key` without changing its recency.
    public func peek(_ key: Key) -> Value? {
        slots[key].map { nodes[$0].value }
    }

    /// The key that would be evicted next.
    public var stalestKey: Key? { stalest == Self.none ? nil : nodes[stalest].key }

    /// Runs `body` on the value for `key` (made by `make` when absent, evicting the stalest key at
    /// capacity) and marks `key` the freshest.
    public mutating func update<Result>(_ key: Key, default make: () -> Value, _ body: (inout Value) -> Result) -> Result {
        let slot: Int
        if let existing = slots[key] {
            slot = existing
            unlink(slot)
        } else if nodes.count < capacity {
            slot = nodes.count
            nodes.append(Node(key: key, value: make(), staler: Self.none, fresher: Self.none))
            slots[key] = slot
        } else {
            slot = stalest
            unlink(slot)
            slots[nodes[slot].key] = nil
            nodes[slot].key = key
            nodes[slot].value = make()
            slots[key] = slot
        }
        linkAsFreshest(slot)
        return body(&nodes[slot].value)
    }

    private mutating func unlink(_ slot: Int) {
        let staler = nodes[slot].staler
        let fresher = nodes[slot].fresher
        if staler == Self.none { stalest = fresher } else { nodes[staler].fresher = fresher }
        if fresher == Self.none { freshest = staler } else { nodes[fresher].staler = staler }
        nodes[slot].staler = Self.none
        nodes[slot].fresher = Self.none
    }

    private mutating func linkAsFreshest(_ slot: Int) {
        nodes[slot].staler = freshest
        nodes[slot].fresher = Self.none
        if freshest != Self.none { nodes[freshest].fresher = slot }
        freshest = slot
        if stalest == Self.none { stalest = slot }
    }
}

extension RecencyTable: Sendable where Key: Sendable, Value: Sendable {}
extension RecencyTable.Node: Sendable where Key: Sendable, Value: Sendable {}
