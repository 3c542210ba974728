/// The cloud agent both fake modes write for `switchboard serve`: Deepgram live STT, OpenAI-compatible chat
/// and Deepgram Aura TTS, each pointed at its loopback fake, the key read from `${BENCH_KEY}`.
/// `extraSTTSettings` is appended to the STT settings map (e.g. longer adapter deadlines).
func benchAgentYAML(deepgram: String, openAI: String, aura: String, extraSTTSettings: String = "") -> String {
    """
    name: bench
    language: en-US
    greeting: Hi.
    system_prompt: You answer briefly.
    stt:
      - kind: deepgram
        api_key: ${BENCH_KEY}
        settings: { base_url: "\(deepgram)"\(extraSTTSettings) }
    llm:
      - kind: openai
        api_key: ${BENCH_KEY}
        settings: { model: gpt-fake, base_url: "\(openAI)" }
    tts:
      - kind: deepgram
        api_key: ${BENCH_KEY}
        settings: { base_url: "\(aura)" }
    turn_taking:
      min_endpointing_ms: 100
      endpointing_silence_ms: 100
    """
}
