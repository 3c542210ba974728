import Agents
import Logging
import Orchestrator

/// What every media endpoint of a server shares: the deployment (routes, agents, Twilio token), how
/// providers are built, where records and metrics go, the registry of live calls, and pacing.
public struct MediaEndpointContext: Sendable {
    /// Sent ahead of real time so the far end never starves; also the most a `clear` can lose there.
    public static let defaultPlayoutLead = Duration.milliseconds(160)

    public var deployment: Deployment
    public var providers: any CallProvidersFactory
    public var observers: CallObservers
    /// Calls admitted; nil admits every call.
    public var registry: CallRegistry?
    public var logger: Logger
    public var playoutLead: Duration

    public init(deployment: Deployment, providers: any CallProvidersFactory, observers: CallObservers = CallObservers(),
                registry: CallRegistry? = nil, logger: Logger = Logger(label: "switchboard.media"),
                playoutLead: Duration = MediaEndpointContext.defaultPlayoutLead) {
        self.deployment = deployment
        self.providers = providers
        self.observers = observers
        self.registry = registry
        self.logger = logger
        self.playoutLead = playoutLead
    }
}

/// Why a media stream was ended by us: the close code sent and the logged reason.
struct StreamFailure: Error {
    var code: UInt16
    var reason: String
}
