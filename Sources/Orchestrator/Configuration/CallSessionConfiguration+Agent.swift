import Agents
import Conversation
import Speech

extension CallSessionConfiguration {
    /// The configuration of a call answered by `agent`: its turn settings (`TurnSettings(agent:variables:)`),
    /// tools, voice and language, with `variables` layered over the agent's defaults and `agent_name`.
    /// - Parameters:
    ///   - inputFormat: the format of the frames the transport delivers (and the STT session receives).
    ///   - outputFormat: the format the transport plays; TTS is asked for exactly this.
    public init(agent: AgentConfig, callID: String, variables: [String: String] = [:],
                inputFormat: AudioFormat, outputFormat: AudioFormat, startedAt: UnixTime = .now()) {
        let callVariables = agent.initialVariables.merging(variables) { _, call in call }
            .merging(["call_id": callID]) { _, id in id }
        let voice = agent.tts.first?.string("voice") ?? agent.voice.name ?? ""
        self.init(callID: callID, agentName: agent.name,
                  turn: TurnSettings(agent: agent, variables: callVariables),
                  tools: agent.tools.map(Speech.ToolDeclaration.init(agentTool:)),
                  maximumTokens: agent.llm.first?.int("max_tokens"),
                  temperature: agent.llm.first?.double("temperature"),
                  transcription: TranscriptionRequest(format: inputFormat, language: agent.language),
                  outputFormat: outputFormat, voice: voice, language: agent.language,
                  variables: callVariables, startedAt: startedAt)
    }
}

extension Speech.ToolDeclaration {
    /// The declaration a language model sees for a tool of an agent file: name, description and the
    /// parameters' JSON Schema as JSON text.
    public init(agentTool tool: Agents.ToolDeclaration) {
        self.init(name: tool.name, description: tool.description, parametersSchemaJSON: tool.parameters.jsonText)
    }
}
