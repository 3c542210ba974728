import Conversation
import Speech

/// Text-to-speech: one task per sentence consuming its stream (audio kept until the machine enqueues it),
/// and the canned phrases synthesized when the call is answered.
extension CallSession {
    func startSynthesis(_ id: UtteranceID, text: String) {
        let request = SynthesisRequest(text: text, voice: configuration.voice, format: configuration.outputFormat,
                                       language: configuration.language, previousText: previousSentence)
        previousSentence = text
        let stream = providers.textToSpeech.synthesize(request)
        tasks.syntheses[id] = spawn { [self] in
            for await event in stream {
                guard await synthesisEvent(event, of: id) else { return }
            }
            await synthesisStreamEnded(id)
        }
    }

    /// Hands one event to the machine; returns whether to keep reading.
    private func synthesisEvent(_ event: SynthesisEvent, of id: UtteranceID) -> Bool {
        guard !Task.isCancelled else { return false }
        switch event {
        case .audio(let chunk):
            guard chunk.format == configuration.outputFormat else {
                let detail = "audio in \(chunk.format), expected \(configuration.outputFormat)"
                tasks.syntheses.removeValue(forKey: id)?.cancel()
                handle(.ttsFailed(id, .malformedResponse(detail: detail)))
                return false
            }
            audioArrived(chunk, for: id)
            return true
        case .done:
            tasks.syntheses[id] = nil
            handle(.ttsDone(id))
        case .failed(let error):
            tasks.syntheses[id] = nil
            handle(.ttsFailed(id, error))
        }
        return false
    }

    private func synthesisStreamEnded(_ id: UtteranceID) {
        guard !Task.isCancelled else { return }
        tasks.syntheses[id] = nil
        handle(.ttsFailed(id, .connectionLost))
    }

    /// Keeps the chunk's bytes under a fresh chunk id and tells the machine its length.
    private func audioArrived(_ chunk: AudioChunk, for id: UtteranceID) {
        guard !chunk.bytes.isEmpty else { return }
        let chunkID = ChunkID(nextChunk)
        nextChunk += 1
        pendingAudio[chunkID] = chunk
        handle(.ttsAudio(id, chunkID, duration: chunk.duration))
    }

    /// Synthesizes, one task each, the canned phrases the session was not given audio for. A failure is
    /// recorded; the phrase then plays as silence (its mark still returns) if it is ever needed.
    func synthesizeMissingPhrases() {
        let phraseTexts = configuration.turn.phrases
        let tts = providers.textToSpeech
        for phrase in phrases.missingPhrases {
            let request = SynthesisRequest(text: phraseTexts.text(of: phrase), voice: configuration.voice,
                                           format: configuration.outputFormat, language: configuration.language)
            tasks.phrases[phrase] = spawn { [self] in
                let result = await PhraseSynthesis.audio(of: request, using: tts)
                await phraseSynthesized(phrase, result)
            }
        }
    }

    private func phraseSynthesized(_ phrase: CannedPhrase, _ result: Result<[AudioChunk], ProviderError>) {
        guard !Task.isCancelled else { return }
        tasks.phrases[phrase] = nil
        switch result {
        case .success(let chunks): phrases.set(chunks, for: phrase)
        case .failure(let error): providerFailed(.textToSpeech, error, at: clock.now)
        }
    }
}

extension CallSession {
    /// Returns once every canned-phrase synthesis started at answer has finished (for tests and
    /// diagnostics: a phrase that is not ready simply plays as silence).
    func cannedPhrasesSettled() async {
        while let task = tasks.phrases.values.first { await task.value }
    }

    /// The phrases that have audio now.
    var readyPhrases: [CannedPhrase] { CannedPhraseAudio.sessionPhrases.filter { phrases[$0] != nil } }
}
