import Conversation
import Speech

/// Performing the turn machine's effects. Each is a quick synchronous step on the session's executor:
/// starting a stream creates one task that consumes it, cancelling cancels that task (which really aborts
/// the provider request), audio and marks go straight to the transport.
extension CallSession {
    func perform(_ effect: TurnMachine.Effect, at now: CallInstant) {
        switch effect {
        case .startLLM(let id, let messages):
            startGeneration(id, messages: messages)
        case .cancelLLM(let id):
            tasks.cancelGeneration(id)
        case .hedgeLLM, .hedgeTTS:
            // The machine recorded `budgetExceeded`. The routers (`FallbackLanguageModel`,
            // `FallbackTextToSpeech`) hedge on their own clock with the same budget (`RouterBudgets`), so
            // the session never knows there is more than one provider.
            break
        case .failTranscription:
            transcriptionStalled()
        case .runTool(let call):
            startTool(call)
        case .cancelTool(let callID):
            tasks.cancelTool(callID)
        case .synthesize(let id, let text):
            startSynthesis(id, text: text)
        case .cancelTTS:
            tasks.cancelSyntheses()
            pendingAudio.removeAll()
            previousSentence = nil
        case .enqueuePlayout(_, let chunk):
            if let audio = pendingAudio.removeValue(forKey: chunk) { transport.send(audio: audio) }
        case .playPhrase(let phrase):
            play(phrase)
        case .sendMark(let mark):
            transport.sendMark(mark)
        case .clearPlayout:
            transport.clear()
        case .startTimer(let kind, let after):
            startTimer(kind, deadline: now.advanced(by: after))
        case .cancelTimer(let kind):
            timers.cancel(kind)
        case .transfer(let request):
            performTransfer(request)
        case .hangUp(let reason):
            if endReason == nil { endReason = SessionEndReason(reason) }
        case .record(let entry):
            record(entry)
        }
    }

    /// Sends a canned phrase's audio; a phrase with no audio is skipped (its mark still follows, so the
    /// call goes on) and counted.
    private func play(_ phrase: CannedPhrase) {
        guard let chunks = phrases[phrase] else {
            recorder.missingAudio(for: phrase)
            observers.metrics.increment(.silentPhrases, labels: MetricLabels(agent: agentName))
            return
        }
        for chunk in chunks { transport.send(audio: chunk) }
    }

    /// Keeps a timeline entry, and turns it into measurements.
    private func record(_ entry: TimelineEntry) {
        recorder.append(entry)
        observers.timeline?.call(callID, recorded: entry)
        let agent = MetricLabels(agent: agentName)
        switch entry {
        case .turnLatency(let turn):
            for measurement in turn.measurements(agent: agentName, providers: providerNames) {
                observers.metrics.record(measurement.metric, measurement.value, labels: measurement.labels)
            }
            // The reply is over: audio of its abandoned sentences will never be enqueued.
            pendingAudio.removeAll()
        case .providerFailed(let layer, let error, let at):
            providerFailed(layer, error, at: at)
        case .bargeIn:
            observers.metrics.increment(.bargeIns, labels: agent)
        case .budgetExceeded(let kind, _):
            observers.metrics.increment(.budgetsExceeded, labels: MetricLabels(agent: agentName, stage: kind.budgetLabel))
        case .callEnded(let reason, _):
            if endReason == nil { endReason = SessionEndReason(reason) }
        case .callAnswered, .userTurn, .agentTurn, .ignoredSpeech, .generationRestarted:
            break
        }
    }

    /// Keeps a provider failure with the provider's name, and counts it.
    func providerFailed(_ layer: ProviderKind, _ error: ProviderError, at instant: CallInstant) {
        let provider = providerNames.name(of: layer)
        recorder.failed(ProviderFailure(layer: layer, provider: provider, error: error, at: instant))
        observers.metrics.increment(.providerFailures,
                                    labels: MetricLabels(agent: agentName, provider: provider, stage: layer.stageLabel))
    }
}
