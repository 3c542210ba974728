/// A speech-to-text provider that tees every audio frame of each session to a shadow provider, for
/// comparison only: the caller's session gets the primary's events alone; the shadow's transcript,
/// first-result latency and failure go to the observer as a `ShadowReport` (with the shadow
/// transcript's word error rate against the primary's) when the session ends.
///
/// The shadow never affects the call: it is opened in the background after the primary (frames wait in
/// a bounded queue meanwhile), a failure to open, send or transcribe only ends the shadow, and it is
/// cancelled with the primary (at once when the primary is cancelled, after `policy.completionGrace`
/// when the primary ended on its own). Named as the primary.
public struct ShadowSpeechToText<C: Clock>: SpeechToText where C.Duration == Duration {
    public let primary: any SpeechToText
    public let shadow: any SpeechToText
    public let policy: ShadowPolicy
    private let clock: C
    private let observer: ShadowObserver

    public init(primary: any SpeechToText, shadow: any SpeechToText, policy: ShadowPolicy = ShadowPolicy(),
                clock: C, observer: @escaping ShadowObserver) {
        self.primary = primary
        self.shadow = shadow
        self.policy = policy
        self.clock = clock
        self.observer = observer
    }

    public var name: String { primary.name }

    public func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        let primarySession = try await primary.openSession(request)
        let session = ShadowTranscriptionSession(primary: primarySession, primaryName: primary.name,
                                                 shadowName: shadow.name, clock: clock, policy: policy,
                                                 observer: observer)
        let shadow = shadow
        session.startShadow {
            Task {
                do throws(ProviderError) {
                    session.shadowOpened(try await shadow.openSession(request))
                } catch {
                    session.shadowFailed(error)
                }
            }
        }
        return session
    }
}

extension ShadowSpeechToText where C == ContinuousClock {
    /// A shadow measured on the continuous clock.
    public init(primary: any SpeechToText, shadow: any SpeechToText, policy: ShadowPolicy = ShadowPolicy(),
                observer: @escaping ShadowObserver) {
        self.init(primary: primary, shadow: shadow, policy: policy, clock: ContinuousClock(), observer: observer)
    }
}
