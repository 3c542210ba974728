import Conversation
import Speech

/// Collects a call's record while the call runs: the timeline entries the machine emits, turn timings,
/// provider failures and silent phrases. Owned by the call's session; bounded, so a very long call cannot
/// grow it without limit.
struct CallRecorder {
    /// A four-hour call at one entry a second; beyond it entries are counted, not kept.
    static let maximumEntries = 14_400

    private(set) var answeredAt: CallInstant?
    private(set) var timeline: [TimelineEntry] = []
    private(set) var turns: [TurnTimeline] = []
    private(set) var providerFailures: [ProviderFailure] = []
    private(set) var silentPhrases: [CannedPhrase] = []
    private(set) var droppedEntries = 0
    /// Every transfer asked for; the last one may still await its outcome.
    private(set) var transfers: [TransferRecord] = []

    mutating func answered(at instant: CallInstant) {
        answeredAt = instant
    }

    mutating func append(_ entry: TimelineEntry) {
        if case .turnLatency(let turn) = entry { Self.keep(turn, in: &turns, dropped: &droppedEntries) }
        Self.keep(entry, in: &timeline, dropped: &droppedEntries)
    }

    mutating func failed(_ failure: ProviderFailure) {
        Self.keep(failure, in: &providerFailures, dropped: &droppedEntries)
    }

    mutating func missingAudio(for phrase: CannedPhrase) {
        Self.keep(phrase, in: &silentPhrases, dropped: &droppedEntries)
    }

    mutating func transferRequested(target: String, at instant: CallInstant) {
        Self.keep(TransferRecord(target: target, requestedAt: instant), in: &transfers, dropped: &droppedEntries)
    }

    /// Completes the pending transfer's record; false when none is pending.
    mutating func transferEnded(_ outcome: TransferOutcome, at instant: CallInstant) -> Bool {
        guard let last = transfers.indices.last, transfers[last].outcome == nil else { return false }
        transfers[last].outcome = outcome
        transfers[last].endedAt = instant
        return true
    }

    private static func keep<T>(_ value: T, in list: inout [T], dropped: inout Int) {
        guard list.count < maximumEntries else {
            dropped += 1
            return
        }
        list.append(value)
    }

    func record(of configuration: CallSessionConfiguration, history: ConversationHistory,
                endReason: SessionEndReason, endedAt: CallInstant, providers: CallProviders) -> CallRecord {
        var record = CallRecord(callID: configuration.callID, agentName: configuration.agentName,
                   startedAt: configuration.startedAt, answeredAt: answeredAt, endedAt: endedAt,
                   endReason: endReason, turns: turns, history: history, timeline: timeline,
                   droppedTimelineEntries: droppedEntries, providerFailures: providerFailures,
                   silentPhrases: silentPhrases, variables: configuration.variables)
        record.providerUsage = providers.usage?.entries ?? []
        record.shadowReports = providers.shadowReports?.reports ?? []
        record.transfers = transfers
        return record
    }
}
