/// The input buffer of one incremental parser: bytes are appended at the back and consumed from the
/// front. It keeps only unconsumed bytes (compacting as it goes) and knows the absolute stream offset
/// of every byte, so errors can say where they happened.
struct ByteQueue {
    /// Capacity above which an emptied queue gives its storage back.
    static let retainedCapacity = 64 * 1024

    private(set) var storage: [UInt8] = []
    /// Index in `storage` of the first unconsumed byte.
    private(set) var head = 0
    /// Absolute stream offset of `storage[0]`.
    private var base = 0

    /// Number of bytes appended but not yet consumed.
    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }
    /// Absolute stream offset of the first unconsumed byte.
    var offset: Int { base + head }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        compactIfWorthIt(adding: bytes.count)
        storage.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        compactIfWorthIt(adding: bytes.count)
        storage.append(contentsOf: bytes)
    }

    /// The unconsumed byte at `index` (0 is the first unconsumed byte). The caller checks `index < count`.
    @inline(__always) subscript(index: Int) -> UInt8 { storage[head + index] }

    /// Drops `n` bytes from the front.
    mutating func consume(_ n: Int) {
        head += n
        if head == storage.count {
            base += head
            head = 0
            storage.removeAll(keepingCapacity: storage.capacity <= Self.retainedCapacity)
        }
    }

    /// Copies `length` unconsumed bytes starting at `start` into a new array.
    func copy(from start: Int, length: Int) -> [UInt8] {
        Array(storage[(head + start)..<(head + start + length)])
    }

    /// Copies then consumes the first `length` bytes.
    mutating func take(_ length: Int) -> [UInt8] {
        let bytes = copy(from: 0, length: length)
        consume(length)
        return bytes
    }

    /// Takes every unconsumed byte (used when a connection switches protocol).
    mutating func takeAll() -> [UInt8] { take(count) }

    /// Calls `body` with the unconsumed bytes `start ..< start + length`.
    func withBytes<R, E: Error>(from start: Int, length: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try storage.withUnsafeBufferPointer { all throws(E) in
            try body(UnsafeBufferPointer(rebasing: all[(head + start)..<(head + start + length)]))
        }
    }

    private mutating func compactIfWorthIt(adding extra: Int) {
        guard head > 0 else { return }
        // Move the live bytes down once the dead prefix is at least as large as them, or when the append
        // would otherwise grow the storage.
        if head >= count || storage.count + extra > storage.capacity {
            storage.removeSubrange(0..<head)
            base += head
            head = 0
        }
    }
}
