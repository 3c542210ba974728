import Conversation
import Media
import Speech

/// Event intake: what the transport reports, turned into turn-machine events. Each runs on the session's
/// executor; a transport on that executor calls them with `assumeIsolated` (no task, no hop).
extension CallSession {
    /// The call is connected (SIP 200 OK, media stream `start`): opens the STT session, synthesizes
    /// missing canned phrases, and lets the machine greet.
    public func answer() {
        guard lifecycle == .waitingForAnswer else { return }
        lifecycle = .answered
        recorder.answered(at: clock.now)
        startTranscription(at: nil)
        synthesizeMissingPhrases()
        machine.greetingAudioReady = phrases[.greeting] != nil
        handle(.callAnswered)
    }

    /// One inbound 20 ms frame at `configuration.transcription.format.sampleRate`: sent to the STT
    /// session, kept for replay, and run through voice-activity detection. The per-frame path: no task,
    /// no stream, no allocation.
    public func receive(frame: AudioFrame) {
        guard lifecycle == .answered else { return }
        recentAudio.append(frame)
        if let session = transcription.session {
            do throws(ProviderError) {
                try session.send(frame)
            } catch {
                transcriptionFailed(error, attempt: transcription.attempt)
            }
        }
        if let edge = voiceActivity?.speechEdge(after: frame) { speechActivity(edge) }
    }

    /// A speech edge from a detector outside the session (a transport whose far end runs VAD).
    public func speechActivity(_ edge: SpeechActivityEdge) {
        guard lifecycle == .answered else { return }
        handle(edge == .started ? .vadSpeechStarted : .vadSpeechEnded)
    }

    /// Everything queued before `mark` has been played to the caller.
    public func playoutMarkReached(_ mark: MarkID) {
        handle(.playoutMark(mark))
    }

    /// The caller pressed a key (`0`–`9`, `*`, `#`, `A`–`D`).
    public func dtmf(_ key: Character) {
        handle(.dtmf(key))
    }

    /// The caller (or the carrier) ended the call: everything stops, the record is delivered. The
    /// transport is not told to hang up (it reported the hang-up).
    public func hangUp() {
        handle(.callerHungUp)
    }

    /// Ends the call from our side without a goodbye (server shutdown past its drain deadline, a broken
    /// transport): everything stops, the transport is told to hang up, the record says `reason`.
    public func terminate(_ reason: SessionEndReason) {
        guard lifecycle != .ended else { return }
        endReason = reason
        handle(.callerHungUp)
    }

    /// Runs the machine on `event` and performs its effects, in order. An event arriving while effects
    /// are being performed waits for them to finish.
    func handle(_ event: TurnMachine.Event) {
        guard lifecycle != .ended else { return }
        queuedEvents.append(event)
        guard !isHandlingEvent else { return }
        isHandlingEvent = true
        defer { isHandlingEvent = false }
        while !queuedEvents.isEmpty, lifecycle != .ended {
            let next = queuedEvents.removeFirst()
            let now = clock.now
            for effect in machine.handle(next, at: now) { perform(effect, at: now) }
            if machine.hasEnded { finish(at: now) }
        }
        queuedEvents.removeAll(keepingCapacity: true)
    }
}
