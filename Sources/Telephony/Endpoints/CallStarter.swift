import Agents
import Media
import Net
import Orchestrator
import Speech

/// Creates and answers the `CallSession` of a media stream once its agent is known; shared by the
/// Twilio and PCM endpoints and the SIP user agent (which answers once its 200 OK is out). Runs on the stream's loop thread.
enum CallStarter {
    static func start(context: MediaEndpointContext, agent: AgentConfig, callID: String, variables: [String: String],
                      inputFormat: AudioFormat, outputFormat: AudioFormat, loop: EventLoop,
                      timeline: (any CallTimelineObserver)? = nil,
                      transport: sending any CallTransport, answerNow: Bool = true) throws(StreamFailure) -> CallSession {
        let providers: CallProviders
        do {
            providers = try context.providers.providers(for: agent)
        } catch {
            throw StreamFailure(code: 1011, reason: "providers unavailable: \(error)")
        }
        let configuration = CallSessionConfiguration(agent: agent, callID: callID, variables: variables,
                                                     inputFormat: inputFormat, outputFormat: outputFormat)
        var observers = context.observers
        if let timeline { observers.timeline = timeline }
        let session = CallSession(configuration: configuration, providers: providers, transport: transport,
                                  voiceActivity: EnergySpeechActivity(agent: agent),
                                  phrases: context.providers.cannedPhrases(for: agent, format: outputFormat,
                                                                           greeting: configuration.turn.greeting),
                                  observers: observers, executor: loop)
        if let registry = context.registry {
            do {
                try registry.register(session)
            } catch {
                session.assumeIsolated { $0.terminate(.transportFailed) }
                throw StreamFailure(code: 1013, reason: "call refused: \(error)")
            }
        }
        if answerNow { session.assumeIsolated { $0.answer() } }
        return session
    }
}
