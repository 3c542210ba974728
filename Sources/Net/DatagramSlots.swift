import CSystemShims

/// Preallocated `recvmmsg`/`sendmmsg` vectors for one loop: `count` message headers, each with one
/// buffer of `slotSize` bytes and room for a source/destination address. Shared by every UDP socket on
/// the loop (a batch is consumed before the next syscall), so a thousand RTP sockets cost one set.
final class DatagramSlots {
    /// Datagrams gathered per `recvmmsg` call.
    static let count = 32
    /// The largest datagram any socket may accept: a 9000-byte jumbo frame payload plus headroom.
    static let slotSize = 9216

    let headers: UnsafeMutableBufferPointer<sb_mmsghdr>
    private let vectors: UnsafeMutableBufferPointer<iovec>
    private let addresses: UnsafeMutableBufferPointer<sockaddr_storage>
    let bytes: UnsafeMutableRawBufferPointer

    init() {
        headers = .allocate(capacity: Self.count)
        vectors = .allocate(capacity: Self.count)
        addresses = .allocate(capacity: Self.count)
        bytes = .allocate(byteCount: Self.count * Self.slotSize, alignment: 16)
        headers.initialize(repeating: sb_mmsghdr())
        vectors.initialize(repeating: iovec())
        addresses.initialize(repeating: sockaddr_storage())
    }

    deinit {
        headers.deallocate()
        vectors.deallocate()
        addresses.deallocate()
        bytes.deallocate()
    }

    /// Points every header at its slot, ready for `recvmmsg` of datagrams up to `maxSize` bytes (a
    /// longer one comes back with `MSG_TRUNC`).
    func prepareForReceive(maxSize: Int) {
        let size = min(maxSize, Self.slotSize)
        for index in 0..<Self.count {
            vectors[index] = iovec(iov_base: bytes.baseAddress! + index * Self.slotSize, iov_len: size)
            headers[index] = sb_mmsghdr()
            headers[index].msg_hdr.msg_iov = vectors.baseAddress! + index
            headers[index].msg_hdr.msg_iovlen = 1
            headers[index].msg_hdr.msg_name = UnsafeMutableRawPointer(addresses.baseAddress! + index)
            headers[index].msg_hdr.msg_namelen = socklen_t(MemoryLayout<sockaddr_storage>.size)
        }
    }

    /// Slot `index` after a receive: its bytes, source, and whether the kernel truncated it.
    func received(_ index: Int) -> (bytes: UnsafeRawBufferPointer, source: SocketAddress?, truncated: Bool) {
        let header = headers[index]
        let start = UnsafeRawPointer(bytes.baseAddress! + index * Self.slotSize)
        let length = min(Int(header.msg_len), vectors[index].iov_len)
        let truncated = header.msg_hdr.msg_flags & Int32(MSG_TRUNC) != 0
        let source = SocketAddress(pointer: UnsafeRawPointer(addresses.baseAddress! + index))
        return (UnsafeRawBufferPointer(start: start, count: length), source, truncated)
    }

    /// Copies one outgoing datagram into slot `index` (at most `slotSize` bytes) for `sendmmsg`.
    func prepareSend(_ index: Int, bytes payload: UnsafeRawBufferPointer, to destination: SocketAddress) {
        let slot = bytes.baseAddress! + index * Self.slotSize
        let length = min(payload.count, Self.slotSize)
        if length > 0 { slot.copyMemory(from: payload.baseAddress!, byteCount: length) }
        vectors[index] = iovec(iov_base: slot, iov_len: length)
        let addressLength = destination.withSockAddr { sa, len in
            UnsafeMutableRawPointer(addresses.baseAddress! + index).copyMemory(from: sa, byteCount: Int(len))
            return len
        }
        headers[index] = sb_mmsghdr()
        headers[index].msg_hdr.msg_iov = vectors.baseAddress! + index
        headers[index].msg_hdr.msg_iovlen = 1
        headers[index].msg_hdr.msg_name = UnsafeMutableRawPointer(addresses.baseAddress! + index)
        headers[index].msg_hdr.msg_namelen = addressLength
    }
}
