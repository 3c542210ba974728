/// Why an opening handshake failed (RFC 6455 §4). Server-side kinds carry the status to answer with
/// (`WebSocketHandshake.rejectionResponse(for:)` builds it); client-side kinds have no status.
public struct WebSocketHandshakeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        // Server side, validating a client's request (RFC 6455 §4.2.1).
        case methodNotGet, httpVersionTooOld, missingUpgradeWebSocket, missingConnectionUpgrade
        case unsupportedWebSocketVersion, invalidKey
        // Client side, validating the server's response (RFC 6455 §4.1).
        case unexpectedStatus(Int), invalidAccept, unofferedSubprotocol, unofferedExtension
    }

    public let kind: Kind
    public init(_ kind: Kind) { self.kind = kind }

    /// Status for the server's refusal; nil for client-side failures.
    public var status: Int? {
        switch kind {
        case .methodNotGet: 405
        case .unsupportedWebSocketVersion: 426
        case .httpVersionTooOld, .missingUpgradeWebSocket, .missingConnectionUpgrade, .invalidKey: 400
        case .unexpectedStatus, .invalidAccept, .unofferedSubprotocol, .unofferedExtension: nil
        }
    }

    public var description: String { "WebSocket handshake failed: \(kind)" }
}
