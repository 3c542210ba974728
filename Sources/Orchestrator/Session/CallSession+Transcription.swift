import Conversation
import Speech

/// The call's speech-to-text session: one task opens it and consumes its results; a failure (open error,
/// a failed or silently closed stream, a refused frame) is recorded and the session reopened after a
/// backoff, with the recent audio replayed into it, up to `transcriptionRetry.maximumAttempts` in a row.
struct TranscriptionState {
    var session: (any TranscriptionSession)?
    var task: Task<Void, Never>?
    /// Numbers each opening; a task acts only while its attempt is the current one.
    var attempt = 0
    /// Failures since the last transcript; reset by any partial or final.
    var consecutiveFailures = 0
    /// The session stopped retrying: the caller can only use the keypad.
    var gaveUp = false
}

extension CallSession {
    /// Opens a session now, or at `retryAt` (a deadline on the call's clock, fixed when the failure
    /// happened).
    func startTranscription(at retryAt: CallInstant?) {
        transcription.attempt += 1
        let attempt = transcription.attempt
        let request = configuration.transcription
        let stt = providers.speechToText
        let clock = self.clock
        transcription.task = spawn { [self] in
            if let retryAt {
                do { try await clock.sleep(until: retryAt) } catch { return }
            }
            let session: any TranscriptionSession
            do throws(ProviderError) {
                session = try await stt.openSession(request)
            } catch {
                await transcriptionFailed(error, attempt: attempt)
                return
            }
            guard await attach(session, attempt: attempt) else {
                session.cancel()
                return
            }
            for await event in session.events {
                guard await transcriptArrived(event, attempt: attempt) else { return }
            }
            await transcriptionEnded(attempt: attempt)
        }
    }

    /// Makes `session` current and replays the audio the caller spoke since the last final into it.
    /// Returns false when the session is not wanted any more (the call ended, or a newer attempt began).
    private func attach(_ session: any TranscriptionSession, attempt: Int) -> Bool {
        guard !Task.isCancelled, lifecycle == .answered, attempt == transcription.attempt else { return false }
        transcription.session = session
        do throws(ProviderError) {
            try recentAudio.forEach { (frame) throws(ProviderError) in try session.send(frame) }
        } catch {
            transcriptionFailed(error, attempt: attempt)
        }
        return true
    }

    /// Hands one result to the machine; returns whether to keep reading.
    private func transcriptArrived(_ event: TranscriptEvent, attempt: Int) -> Bool {
        guard !Task.isCancelled, attempt == transcription.attempt else { return false }
        switch event {
        case .speechStarted:
            break  // the session's own VAD decides turn-taking
        case .partial(let text):
            transcription.consecutiveFailures = 0
            handle(.sttPartial(text))
        case .final(let text, _):
            transcription.consecutiveFailures = 0
            recentAudio.removeAll()
            handle(.sttFinal(text))
        case .utteranceEnd:
            handle(.sttUtteranceEnd)
        case .failed(let error):
            transcriptionFailed(error, attempt: attempt)
            return false
        }
        return true
    }

    /// The results ended without `failed`: the socket closed under us.
    private func transcriptionEnded(attempt: Int) {
        guard !Task.isCancelled else { return }
        transcriptionFailed(.connectionLost, attempt: attempt)
    }

    /// Records the failure, drops the session, and reopens it after a backoff unless retries ran out.
    func transcriptionFailed(_ error: ProviderError, attempt: Int) {
        guard lifecycle == .answered, attempt == transcription.attempt, !transcription.gaveUp else { return }
        let now = clock.now  // the failure's instant: the retry deadline counts from it
        providerFailed(.speechToText, error, at: now)
        transcription.session?.cancel()
        transcription.session = nil
        transcription.task?.cancel()
        transcription.task = nil
        transcription.consecutiveFailures += 1
        // The first failure of an outage: the caller is told once (the STT router already tried every
        // provider); retries go on silently.
        if transcription.consecutiveFailures == 1 { handle(.sttUnavailable) }
        let retry = configuration.transcriptionRetry
        guard transcription.consecutiveFailures <= retry.maximumAttempts else {
            transcription.gaveUp = true
            return
        }
        startTranscription(at: now.advanced(by: retry.backoff(beforeAttempt: transcription.consecutiveFailures)))
    }

    /// The machine heard speech that got no result in time (`failTranscription`): the stream counts as
    /// failed (`.timeout(.firstResponse)`). A router's session replaces its provider itself (the failure
    /// is recorded here; the caller is told only if every provider fails, through `failed`); any other
    /// session goes through `transcriptionFailed`: reopened after a backoff with the recent audio replayed.
    func transcriptionStalled() {
        guard lifecycle == .answered, !transcription.gaveUp else { return }
        let error = ProviderError.timeout(.firstResponse)
        if let session = transcription.session, session.replaceProvider(after: error) {
            providerFailed(.speechToText, error, at: clock.now)
            return
        }
        transcriptionFailed(error, attempt: transcription.attempt)
    }

    /// Closes the STT session and stops its task (the call ended).
    func stopTranscription() {
        transcription.attempt += 1
        transcription.session?.cancel()
        transcription.session = nil
        transcription.task?.cancel()
        transcription.task = nil
    }
}
