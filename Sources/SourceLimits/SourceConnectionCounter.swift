/// Open connections per source, capped at `maxPerSource`: `open` refuses a source already holding that
/// many, `close` gives one back. A source with none open is forgotten, so memory is bounded by the
/// connections open (which the listener caps). Pure; not thread-safe (a value type).
public struct SourceConnectionCounter<Source: Hashable> {
    public let maxPerSource: Int
    private var open: [Source: Int] = [:]

    /// `maxPerSource` is clamped to at least 1.
    public init(maxPerSource: Int) {
        self.maxPerSource = max(1, maxPerSource)
    }

    /// Counts a new connection from `source`; false (and nothing counted) when it is at its cap.
    public mutating func open(_ source: Source) -> Bool {
        let current = open[source, default: 0]
        guard current < maxPerSource else { return false }
        open[source] = current + 1
        return true
    }

    /// Counts a connection of `source` closed (one that `open` admitted).
    public mutating func close(_ source: Source) {
        guard let current = open[source] else { return }
        open[source] = current > 1 ? current - 1 : nil
    }

    /// Connections `source` holds.
    public func count(of source: Source) -> Int { open[source, default: 0] }

    /// Sources holding at least one connection.
    public var trackedSources: Int { open.count }
}

extension SourceConnectionCounter: Sendable where Source: Sendable {}
