import Yams

/// The optional sections of an agent file: voice, turn taking, latency budgets, recovery phrases and
/// variables. A missing section (or key) takes its documented default.
extension AgentDecoder {
    func readVoice(_ map: MappingReader) -> VoiceConfig {
        guard let node = map.node("voice") else { return VoiceConfig() }
        if case .scalar = node {
            return VoiceConfig(name: problems.nonEmptyString(node, "voice"))
        }
        guard let voice = MappingReader(node, path: "voice", keys: ["name", "speaking_rate"], problems: problems) else {
            return VoiceConfig()
        }
        return VoiceConfig(name: voice.string("name"),
                           speakingRate: voice.double("speaking_rate", in: VoiceConfig.speakingRateRange) ?? 1.0)
    }

    func readTurnTaking(_ map: MappingReader) -> TurnTakingConfig {
        let defaults = TurnTakingConfig()
        guard let node = map.node("turn_taking") else { return defaults }
        let keys = ["endpointing_silence_ms", "min_endpointing_ms", "max_endpointing_ms", "barge_in",
                    "barge_in_min_speech_ms", "no_input_timeout_ms", "no_input_reprompts", "reprompt_phrases",
                    "max_call_seconds"]
        guard let turn = MappingReader(node, path: "turn_taking", keys: keys, problems: problems) else { return defaults }
        typealias Limits = TurnTakingConfig.Limits
        var result = defaults
        result.endpointingSilenceMs = turn.int("endpointing_silence_ms", in: Limits.endpointingSilenceMs, unit: "ms")
            ?? defaults.endpointingSilenceMs
        result.minEndpointingMs = turn.int("min_endpointing_ms", in: Limits.minEndpointingMs, unit: "ms") ?? defaults.minEndpointingMs
        result.maxEndpointingMs = turn.int("max_endpointing_ms", in: Limits.maxEndpointingMs, unit: "ms") ?? defaults.maxEndpointingMs
        result.bargeIn = turn.bool("barge_in") ?? defaults.bargeIn
        result.bargeInMinSpeechMs = turn.int("barge_in_min_speech_ms", in: Limits.bargeInMinSpeechMs, unit: "ms")
            ?? defaults.bargeInMinSpeechMs
        result.noInputTimeoutMs = turn.int("no_input_timeout_ms", in: Limits.noInputTimeoutMs, unit: "ms") ?? defaults.noInputTimeoutMs
        result.noInputReprompts = turn.int("no_input_reprompts", in: Limits.noInputReprompts) ?? defaults.noInputReprompts
        result.repromptPhrases = templates(turn, "reprompt_phrases") ?? defaults.repromptPhrases
        result.maxCallSeconds = turn.int("max_call_seconds", in: Limits.maxCallSeconds, unit: "seconds") ?? defaults.maxCallSeconds
        checkEndpointingOrder(result, turn)
        if result.noInputReprompts > 0, result.repromptPhrases.isEmpty, let at = turn.node("reprompt_phrases")?.location {
            problems.error(.outOfRange, at: at, "\"turn_taking.reprompt_phrases\" is empty, but no_input_reprompts is "
                + "\(result.noInputReprompts); give at least one phrase or set no_input_reprompts to 0")
        }
        return result
    }

    /// `min_endpointing_ms <= endpointing_silence_ms <= max_endpointing_ms`.
    private func checkEndpointingOrder(_ result: TurnTakingConfig, _ turn: MappingReader) {
        if result.minEndpointingMs > result.endpointingSilenceMs {
            let at = turn.node("min_endpointing_ms")?.location ?? turn.node("endpointing_silence_ms")?.location ?? turn.location
            problems.error(.outOfRange, at: at, "\"turn_taking.min_endpointing_ms\" (\(result.minEndpointingMs)) must not "
                + "exceed endpointing_silence_ms (\(result.endpointingSilenceMs))")
        }
        if result.endpointingSilenceMs > result.maxEndpointingMs {
            let at = turn.node("max_endpointing_ms")?.location ?? turn.node("endpointing_silence_ms")?.location ?? turn.location
            problems.error(.outOfRange, at: at, "\"turn_taking.max_endpointing_ms\" (\(result.maxEndpointingMs)) must be at "
                + "least endpointing_silence_ms (\(result.endpointingSilenceMs))")
        }
    }

    func readLatencyBudgets(_ map: MappingReader) -> LatencyBudgets {
        let defaults = LatencyBudgets()
        guard let node = map.node("latency_budgets") else { return defaults }
        let keys = ["stt_final_ms", "llm_first_token_ms", "tts_first_audio_ms", "stream_stall_ms", "hedge_after_ms",
                    "filler_after_ms", "tts_hedge_after_ms", "stt_result_ms"]
        guard let budgets = MappingReader(node, path: "latency_budgets", keys: keys, problems: problems) else { return defaults }
        let range = LatencyBudgets.range
        let result = LatencyBudgets(
            sttFinalMs: budgets.int("stt_final_ms", in: range, unit: "ms") ?? defaults.sttFinalMs,
            llmFirstTokenMs: budgets.int("llm_first_token_ms", in: range, unit: "ms") ?? defaults.llmFirstTokenMs,
            ttsFirstAudioMs: budgets.int("tts_first_audio_ms", in: range, unit: "ms") ?? defaults.ttsFirstAudioMs,
            streamStallMs: budgets.int("stream_stall_ms", in: range, unit: "ms") ?? defaults.streamStallMs,
            hedgeAfterMs: budgets.int("hedge_after_ms", in: range, unit: "ms"),
            fillerAfterMs: budgets.int("filler_after_ms", in: range, unit: "ms"),
            ttsHedgeAfterMs: budgets.int("tts_hedge_after_ms", in: range, unit: "ms"),
            sttResultMs: budgets.int("stt_result_ms", in: range, unit: "ms"))
        if let hedge = result.hedgeAfterMs, hedge >= result.llmFirstTokenMs, let at = budgets.node("hedge_after_ms") {
            problems.error(.outOfRange, at: at.location, "\"latency_budgets.hedge_after_ms\" (\(hedge)) must be below "
                + "llm_first_token_ms (\(result.llmFirstTokenMs)), or the fallback would start after the primary has already failed")
        }
        if let hedge = result.ttsHedgeAfterMs, hedge >= result.ttsFirstAudioMs, let at = budgets.node("tts_hedge_after_ms") {
            problems.error(.outOfRange, at: at.location, "\"latency_budgets.tts_hedge_after_ms\" (\(hedge)) must be below "
                + "tts_first_audio_ms (\(result.ttsFirstAudioMs)), or the fallback would start after the primary has already failed")
        }
        return result
    }

    func readRecovery(_ map: MappingReader) -> RecoveryPhrases {
        let defaults = RecoveryPhrases()
        guard let node = map.node("recovery") else { return defaults }
        let keys = ["provider_failure", "not_understood", "fillers", "no_input_goodbye", "max_duration_goodbye",
                    "transfer_failed"]
        guard let recovery = MappingReader(node, path: "recovery", keys: keys, problems: problems) else { return defaults }
        return RecoveryPhrases(
            providerFailure: template(recovery, "provider_failure") ?? defaults.providerFailure,
            notUnderstood: template(recovery, "not_understood") ?? defaults.notUnderstood,
            fillers: templates(recovery, "fillers") ?? defaults.fillers,
            noInputGoodbye: template(recovery, "no_input_goodbye") ?? defaults.noInputGoodbye,
            maxDurationGoodbye: template(recovery, "max_duration_goodbye") ?? defaults.maxDurationGoodbye,
            transferFailed: template(recovery, "transfer_failed") ?? defaults.transferFailed)
    }

    /// `variables:` maps names to default values (scalars, read as text).
    func readVariables(_ map: MappingReader) -> [String: String] {
        guard let node = map.node("variables") else { return [:] }
        guard case .mapping(let mapping) = node else {
            problems.error(.wrongType, at: node.location, "\"variables\" must be a mapping of names to default values, "
                + "found \(node.kindDescription)")
            return [:]
        }
        var variables: [String: String] = [:]
        for (keyNode, valueNode) in mapping {
            guard let name = problems.nonEmptyString(keyNode, "variables key") else { continue }
            guard TextTemplate.isIdentifier(Substring(name)) else {
                problems.error(.invalidValue, at: keyNode.location, "variable name \"\(name)\" must be letters, digits "
                    + "and _ (not starting with a digit)")
                continue
            }
            variableLocations[name] = keyNode.location
            variables[name] = valueNode.isNull ? "" : problems.string(valueNode, "variables.\(name)")
        }
        return variables
    }
}
