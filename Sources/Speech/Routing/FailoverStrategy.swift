/// What a layer's failover needs to know about its streams. `FailoverRun` drives any layer through this:
/// the language-model and text-to-speech routers each supply one.
protocol FailoverStrategy: Sendable {
    associatedtype Provider: Sendable
    associatedtype Request: Sendable
    associatedtype Event: Sendable

    static var layer: RoutingLayer { get }
    static func name(of provider: Provider) -> String
    static func start(_ provider: Provider, _ request: Request) -> AsyncStream<Event>
    static func classify(_ event: Event) -> RoutedEventKind
    static func failure(_ error: ProviderError) -> Event

    /// Whether output was already forwarded to the consumer (a failure now is mid-stream).
    var hasDelivered: Bool { get }
    /// The request for a provider that starts now: the original, or one that continues what was
    /// already delivered.
    func request(continuing original: Request) -> Request
    /// Where a stream started now begins, in the strategy's own unit (text-to-speech: samples to skip).
    func laneStart() -> Int
    /// The event to forward for `event` of the committed stream (nil drops it), advancing `cursor`.
    mutating func forward(_ event: Event, cursor: inout Int) -> Event?
}

/// How the failover driver treats a stream event.
enum RoutedEventKind: Sendable, Equatable {
    /// Output the caller sees (a non-empty token, a tool call, audio): the first one commits the stream.
    case output
    /// Neither output nor an ending (an empty token): forwarded only from the committed stream.
    case other
    /// The stream finished well.
    case done
    /// The stream failed.
    case failed(ProviderError)
}

/// One provider of a router, with its breaker.
struct RoutedProvider<Provider: Sendable>: Sendable {
    let provider: Provider
    let name: String
    let breaker: SharedCircuitBreaker
}
