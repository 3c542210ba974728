import HeapModule

/// The loop's timers: a min-heap of deadlines (ties fire in scheduling order) plus the live timers by
/// id. Cancelling removes the live entry; its heap node becomes a tombstone skipped when popped, and the
/// heap is rebuilt when tombstones outnumber live timers. Confined to the loop thread.
struct TimerQueue {
    private struct Node: Comparable {
        let deadline: UInt64
        let id: UInt64
        static func < (a: Node, b: Node) -> Bool { (a.deadline, a.id) < (b.deadline, b.id) }
    }

    private struct Entry {
        var deadline: UInt64
        let interval: UInt64?
        let body: () -> Void
    }

    private var heap = Heap<Node>()
    private var live: [UInt64: Entry] = [:]
    private var nextID: UInt64 = 1

    /// Heaps smaller than this are never compacted: tombstones there cost nothing worth a rebuild.
    private static let compactionFloor = 64

    var count: Int { live.count }

    /// Adds a timer firing at `deadline` (monotonic ns), then every `interval` ns if given; returns its id.
    mutating func schedule(at deadline: UInt64, every interval: UInt64? = nil, _ body: @escaping () -> Void) -> UInt64 {
        let id = nextID
        nextID += 1
        live[id] = Entry(deadline: deadline, interval: interval, body: body)
        heap.insert(Node(deadline: deadline, id: id))
        return id
    }

    /// Forgets a timer; true if it was still pending.
    @discardableResult
    mutating func cancel(_ id: UInt64) -> Bool {
        guard live.removeValue(forKey: id) != nil else { return false }
        if heap.count > Self.compactionFloor, heap.count > 2 * live.count {
            heap = Heap(live.map { Node(deadline: $0.value.deadline, id: $0.key) })
        }
        return true
    }

    /// The earliest live deadline, dropping tombstones on the way.
    mutating func nextDeadline() -> UInt64? {
        while let top = heap.min {
            if let entry = live[top.id], entry.deadline == top.deadline { return top.deadline }
            heap.removeMin()
        }
        return nil
    }

    /// Removes and returns the body of the earliest timer due at or before `now`; a repeating timer is
    /// re-armed at its next period after `now` (missed periods are skipped, not fired in a burst).
    mutating func popDue(now: UInt64) -> (() -> Void)? {
        guard let deadline = nextDeadline(), deadline <= now, let node = heap.popMin(), var entry = live[node.id] else {
            return nil
        }
        if let interval = entry.interval {
            var next = entry.deadline &+ interval
            if next <= now { next = now &+ interval - ((now &- entry.deadline) % interval) }
            entry.deadline = next
            live[node.id] = entry
            heap.insert(Node(deadline: next, id: node.id))
        } else {
            live[node.id] = nil
        }
        return entry.body
    }

    /// Drops every timer (loop shutdown).
    mutating func removeAll() {
        heap = Heap()
        live.removeAll()
    }
}
