import Agents
import Conversation

/// How an agent's YAML (`AgentConfig`) becomes the turn machine's `TurnSettings`. Templates are rendered
/// with the call's variables. Documented, with the reasoning, in `Docs/orchestrator.md`.
extension TurnSettings {
    /// Settings for a call of `agent` with `variables` (defaults, built-ins, stream parameters).
    ///
    /// - Endpointing: the VAD reports the speech end after `min_endpointing_ms` of silence
    ///   (`TurnTakingConfig.vadSilenceHangover`); a settled transcript answers at once (`minimumDelay` 0,
    ///   so after `min_endpointing_ms` of silence in all); without a final, the answer waits until
    ///   `endpointing_silence_ms + max_endpointing_ms` of silence (`maximumDelay` is that minus the hangover).
    /// - Barge-in: `barge_in`, `barge_in_min_speech_ms`; three transcribed words interrupt at once.
    /// - No input: `no_input_timeout_ms`; `no_input_reprompts` reprompts taken in turn (cycling) from
    ///   `reprompt_phrases`.
    /// - Budgets: `hedge_after_ms` is the first-token budget and `tts_hedge_after_ms` the first-audio
    ///   budget (nil: no hedging; the routers hedge on the same values, `RouterBudgets(agent:)`); the reply deadline is `llm_first_token_ms + tts_first_audio_ms`
    ///   (by then each stage's router has failed over, so the recovery phrase is owed); `stt_result_ms` is
    ///   the transcript-result deadline after speech the VAD heard.
    /// - Phrases: `recovery.provider_failure`, `no_input_goodbye`, `max_duration_goodbye`, `transfer_failed`.
    /// - Call length: `max_call_seconds`. Speaking rate scales the per-character speech estimate.
    public init(agent: AgentConfig, variables: [String: String]) {
        let turnTaking = agent.turnTaking
        let budgets = agent.latencyBudgets
        let hangover = turnTaking.vadSilenceHangover
        let giveUpOnFinal = Duration.milliseconds(turnTaking.endpointingSilenceMs + turnTaking.maxEndpointingMs)
        let reprompts: [String] = turnTaking.repromptPhrases.isEmpty ? [] : (0..<turnTaking.noInputReprompts).map {
            turnTaking.repromptPhrases[$0 % turnTaking.repromptPhrases.count].render(variables)
        }
        let greeting = agent.greeting?.render(variables)
        self.init(
            systemPrompt: agent.systemPrompt.render(variables),
            greeting: greeting?.isEmpty == false ? greeting : nil,
            endpointing: EndpointingSettings(minimumDelay: .zero, maximumDelay: max(.zero, giveUpOnFinal - hangover)),
            bargeIn: BargeInSettings(enabled: turnTaking.bargeIn,
                                     minimumSpeech: .milliseconds(turnTaking.bargeInMinSpeechMs)),
            noInput: NoInputSettings(timeout: .milliseconds(turnTaking.noInputTimeoutMs), reprompts: reprompts),
            budgets: Conversation.LatencyBudgets(
                firstToken: budgets.hedgeAfterMs.map { .milliseconds($0) },
                firstAudio: budgets.ttsHedgeAfterMs.map { .milliseconds($0) },
                replyDeadline: .milliseconds(budgets.llmFirstTokenMs + budgets.ttsFirstAudioMs),
                transcriptResult: budgets.sttResultMs.map { .milliseconds($0) }),
            phrases: FixedPhrases(recovery: agent.recovery.providerFailure.render(variables),
                                  noInputGoodbye: agent.recovery.noInputGoodbye.render(variables),
                                  maximumDurationGoodbye: agent.recovery.maxDurationGoodbye.render(variables),
                                  transferFailed: agent.recovery.transferFailed.render(variables)),
            maximumCallDuration: .seconds(turnTaking.maxCallSeconds),
            speechPerCharacter: TurnSettings.typicalSpeechPerCharacter / max(0.5, agent.voice.speakingRate))
    }
}

extension TurnTakingConfig {
    /// The silence after which the call's voice-activity detector reports the end of speech:
    /// `min_endpointing_ms`, so turns with a settled transcript are answered that soon.
    public var vadSilenceHangover: Duration { .milliseconds(minEndpointingMs) }
}
