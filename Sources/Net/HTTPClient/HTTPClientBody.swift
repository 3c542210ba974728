/// A response body as an async sequence of chunks, in the order and sizes the network delivered them
/// (one SSE event or TTS audio packet is often one chunk). Single pass: the first iterator gets the
/// bytes, a second one throws. Dropping the body and its iterators, cancelling the reading task, or
/// `cancel()` aborts the transfer at once.
public struct HTTPClientBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public typealias Failure = any Error

    let owner: TransferOwner

    init(channel: TransferChannel) { owner = TransferOwner(channel) }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(owner: TransferOwner(owner.channel), claimed: owner.channel.claimIterator())
    }

    /// Aborts the transfer now.
    public func cancel() { owner.channel.cancel() }

    /// Reads the whole body; throws `.bodyTooLarge` (and aborts) past `maximumBytes`.
    public func collect(upTo maximumBytes: Int) async throws -> [UInt8] {
        var all: [UInt8] = []
        for try await chunk in self {
            guard all.count + chunk.count <= maximumBytes else {
                cancel()
                throw HTTPClientError.bodyTooLarge(limit: maximumBytes)
            }
            all += chunk
        }
        return all
    }

    /// Yields chunks until the end of the body, or throws the transfer's error.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        let owner: TransferOwner
        let claimed: Bool

        public mutating func next() async throws -> [UInt8]? {
            guard claimed else { throw HTTPClientError.bodyAlreadyConsumed }
            return try await owner.channel.next()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> [UInt8]? {
            try await next()
        }
    }
}

/// Cancels its transfer when the last reference to it goes away (the body, or an iterator).
final class TransferOwner: Sendable {
    let channel: TransferChannel
    init(_ channel: TransferChannel) { self.channel = channel }
    deinit { channel.cancel() }
}
