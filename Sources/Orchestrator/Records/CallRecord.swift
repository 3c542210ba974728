import Conversation
import Speech

/// Everything worth keeping about one call once it has ended: when it started and ended and why, each
/// agent turn's timings, the conversation as the caller heard it, every timeline entry, and every provider
/// failure. Delivered once per call to the `CallRecordSink`.
public struct CallRecord: Sendable, Hashable {
    public var callID: String
    public var agentName: String
    /// Wall-clock start.
    public var startedAt: UnixTime
    /// When the call was answered, if it was.
    public var answeredAt: CallInstant?
    public var endedAt: CallInstant
    public var endReason: SessionEndReason
    /// Each agent turn's timeline, in order (greeting, answers, reprompts, goodbye).
    public var turns: [TurnTimeline]
    /// The conversation as heard: interrupted replies cut where the caller interrupted them.
    public var history: ConversationHistory
    /// Every fact the turn machine recorded, in order (capped at `CallRecorder.maximumEntries`).
    public var timeline: [TimelineEntry]
    /// Timeline entries dropped beyond the cap.
    public var droppedTimelineEntries: Int
    /// Every provider failure, with the provider's name.
    public var providerFailures: [ProviderFailure]
    /// Canned phrases the agent should have said but had no audio for.
    public var silentPhrases: [CannedPhrase]
    public var variables: [String: String]
    /// Each provider's usage and cost in this call, by layer then provider (empty when the call's
    /// providers were not metered). Added after the fields above; they are unchanged.
    public var providerUsage: [ProviderUsageEntry] = []
    /// Shadow providers' results compared with the primaries' (empty without a `shadow` section).
    public var shadowReports: [ShadowReport] = []
    /// Every transfer the agent asked for: target, outcome (completed, refused with the status, timed
    /// out, …) and when. A failed transfer leaves the call going, so there may be several.
    public var transfers: [TransferRecord] = []

    /// The call's cost over every priced provider (shadows included: they are billed too).
    public var totalCost: CostAmount { providerUsage.compactMap(\.cost).reduce(.zero, +) }

    /// How long the call lasted from answer (or from the session's start when never answered) to its end.
    public var duration: Duration { endedAt - (answeredAt ?? .callStart) }
}

/// A provider stream that failed during a call.
public struct ProviderFailure: Sendable, Hashable {
    public var layer: ProviderKind
    /// The provider's `name` (for a router, the router's name).
    public var provider: String
    public var error: ProviderError
    public var at: CallInstant

    public init(layer: ProviderKind, provider: String, error: ProviderError, at: CallInstant) {
        self.layer = layer
        self.provider = provider
        self.error = error
        self.at = at
    }
}

/// Receives each call's record once, when the call ends, on the call's loop thread. Must return at once
/// (queue the record; storing it durably is the sink's business).
public protocol CallRecordSink: Sendable {
    func callEnded(_ record: CallRecord)
}

/// A sink that drops records.
public struct DiscardingRecordSink: CallRecordSink {
    public init() {}
    public func callEnded(_ record: CallRecord) {}
}
