import Conversation

/// The end of a call, however it came: every task, timer and the STT session stopped, the transport told
/// to hang up when we ended the call, the record and call metrics delivered, `ending` fired. Runs once.
extension CallSession {
    func finish(at now: CallInstant) {
        guard lifecycle != .ended else { return }
        lifecycle = .ended
        let reason = endReason ?? .callerHungUp
        tasks.cancelAll()
        timers.cancelAll()
        stopTranscription()
        pendingAudio.removeAll()
        recentAudio.removeAll()
        queuedEvents.removeAll()
        if reason.needsTransportHangUp { transport.hangUp(reason) }
        let record = recorder.record(of: configuration, history: machine.history, endReason: reason, endedAt: now,
                                     providers: providers)
        let labels = MetricLabels(agent: agentName, reason: reason.rawValue)
        observers.metrics.record(.callDuration, record.duration, labels: labels)
        observers.metrics.increment(.callsEnded, labels: labels)
        observers.records.callEnded(record)
        ending.fire(reason)
    }
}
