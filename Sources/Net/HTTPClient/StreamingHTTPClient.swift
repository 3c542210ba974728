import Synchronization

/// Streams HTTP responses (LLM SSE, TTS audio, webhooks) over libcurl's multi interface: `stream(_:)`
/// returns once the response head is in and hands the body over chunk by chunk as it arrives. One
/// client owns one curl thread and one connection cache; share it across calls (it is Sendable).
///
/// Cancellation aborts at once: cancelling the awaiting task, dropping the response or its body
/// iterator, or calling `cancel()` removes the transfer from curl and closes its connection.
/// Deadlines (connect, first byte, idle) fail the transfer with `HTTPClientError.timeout(kind)`.
/// When the consumer lags more than `maxBufferedBodyBytes` behind, the transfer pauses until it catches up.
public final class StreamingHTTPClient: Sendable {
    /// Which HTTP version to ask for.
    public enum HTTPVersionPreference: Sendable, Equatable {
        case http1_1
        /// HTTP/2 over TLS when the server offers it by ALPN, HTTP/1.1 otherwise and for plain http.
        case http2OverTLS
    }

    /// Client-wide settings.
    public struct Configuration: Sendable, Equatable {
        public var trust: TLSTrust
        public var httpVersion: HTTPVersionPreference
        /// CURLMOPT_MAX_HOST_CONNECTIONS: more requests to a host wait (or multiplex on HTTP/2).
        public var maxConnectionsPerHost: Int
        /// CURLMOPT_MAXCONNECTS: idle connections kept for reuse.
        public var maxCachedConnections: Int
        /// Body bytes held per transfer before it pauses (back-pressure).
        public var maxBufferedBodyBytes: Int
        /// Cap on a response head (all header lines together).
        public var maxResponseHeadBytes: Int

        public init(trust: TLSTrust = .systemDefault, httpVersion: HTTPVersionPreference = .http2OverTLS,
                    maxConnectionsPerHost: Int = 8, maxCachedConnections: Int = 32,
                    maxBufferedBodyBytes: Int = 1 << 20, maxResponseHeadBytes: Int = 64 * 1024) {
            self.trust = trust
            self.httpVersion = httpVersion
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.maxCachedConnections = maxCachedConnections
            self.maxBufferedBodyBytes = maxBufferedBodyBytes
            self.maxResponseHeadBytes = maxResponseHeadBytes
        }
    }

    public let configuration: Configuration
    private let driver: CurlMultiDriver
    private let nextID = Atomic<Int>(0)

    /// Starts the client's curl thread.
    public init(configuration: Configuration = Configuration()) throws(HTTPClientError) {
        self.configuration = configuration
        let options = CurlEasyOptions(trust: configuration.trust, httpVersion: configuration.httpVersion,
                                      headLimits: .init(maxHeadBytes: configuration.maxResponseHeadBytes))
        driver = try CurlMultiDriver(options: options, maxConnectionsPerHost: configuration.maxConnectionsPerHost,
                                     maxCachedConnections: configuration.maxCachedConnections)
        driver.start()
    }

    deinit { driver.submit(.stop) }

    /// Sends `request` and returns when the response head has arrived (any status). Throws
    /// `HTTPClientError` for connect, TLS, timeout and transport failures, CancellationError if the task
    /// is cancelled first.
    public func stream(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        // The channel holds the client (and so its curl thread) alive while the response is in use.
        let channel = TransferChannel(maxBufferedBytes: configuration.maxBufferedBodyBytes) { [self] control in
            driver.submit(control == .cancel ? .cancel(id: id) : .resume(id: id))
        }
        guard driver.submit(.start(id: id, request: request, channel: channel)) else { throw HTTPClientError.clientShutDown }
        let owner = HTTPClientBody(channel: channel)  // aborts the transfer if head() throws or the caller drops the response
        let head = try await channel.head()
        return HTTPClientResponse(head: head, body: owner)
    }

    /// Stops the curl thread: transfers still running fail with `.clientShutDown`; later calls throw it.
    public func shutdown() { driver.submit(.stop) }
}
