import CSystemShims

/// Bytes waiting to be sent on one stream, in heap chunks with stable addresses so a gathered send can
/// point at them. Small writes are appended into the tail chunk's spare room, so a burst of small frames
/// costs few iovecs. Owned by one connection on one loop thread.
final class WriteQueue {
    private struct Chunk {
        let base: UnsafeMutableRawPointer
        let capacity: Int
        var start: Int
        var end: Int
        var count: Int { end - start }
    }

    private var chunks: [Chunk] = []
    private var head = 0
    private(set) var byteCount = 0

    /// Smallest chunk allocated: a run of small writes shares one.
    static let minimumChunkBytes = 4096
    /// iovecs per gathered send (Linux IOV_MAX is 1024; 64 covers any sane queue burst).
    static let maxVectors = 64

    var isEmpty: Bool { byteCount == 0 }

    deinit { removeAll() }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        var from = source
        if head < chunks.count, var tail = chunks.last, tail.capacity > tail.end {
            let room = min(tail.capacity - tail.end, remaining)
            (tail.base + tail.end).copyMemory(from: from, byteCount: room)
            tail.end += room
            chunks[chunks.count - 1] = tail
            remaining -= room
            from += room
        }
        if remaining > 0 {
            let capacity = max(remaining, Self.minimumChunkBytes)
            let base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
            base.copyMemory(from: from, byteCount: remaining)
            chunks.append(Chunk(base: base, capacity: capacity, start: 0, end: remaining))
        }
        byteCount += bytes.count
    }

    /// Fills `vectors` with the queued chunks in order; returns how many were used.
    func fill(_ vectors: UnsafeMutableBufferPointer<iovec>) -> Int {
        var used = 0
        var index = head
        while index < chunks.count, used < vectors.count {
            let chunk = chunks[index]
            vectors[used] = iovec(iov_base: chunk.base + chunk.start, iov_len: chunk.count)
            used += 1
            index += 1
        }
        return used
    }

    /// Drops the first `count` bytes (they were sent).
    func consume(_ count: Int) {
        var remaining = count
        byteCount -= count
        while remaining > 0, head < chunks.count {
            let chunkBytes = chunks[head].count
            if remaining < chunkBytes {
                chunks[head].start += remaining
                return
            }
            remaining -= chunkBytes
            chunks[head].base.deallocate()
            head += 1
        }
        if head == chunks.count {
            chunks.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 32, head * 2 > chunks.count {
            chunks.removeFirst(head)
            head = 0
        }
    }

    func removeAll() {
        for chunk in chunks[head...] { chunk.base.deallocate() }
        chunks.removeAll()
        head = 0
        byteCount = 0
    }
}
