import Agents
import Speech

extension RouterBudgets {
    /// The routers' budgets from an agent's `latency_budgets`: the LLM router hedges after
    /// `hedge_after_ms` and fails a provider with no first token by `llm_first_token_ms`; the TTS router
    /// hedges after `tts_hedge_after_ms` and fails a voice with no first audio by `tts_first_audio_ms`.
    /// The turn machine's `firstToken`/`firstAudio` budgets are the same hedge values (it records the
    /// `budgetExceeded` while the router, on its own clock, starts the hedge).
    public init(agent: AgentConfig) {
        let budgets = agent.latencyBudgets
        self.init(
            languageModel: Layer(hedgeAfter: budgets.hedgeAfterMs.map { .milliseconds($0) },
                                 firstOutputTimeout: .milliseconds(budgets.llmFirstTokenMs)),
            textToSpeech: Layer(hedgeAfter: budgets.ttsHedgeAfterMs.map { .milliseconds($0) },
                                firstOutputTimeout: .milliseconds(budgets.ttsFirstAudioMs)))
    }
}
