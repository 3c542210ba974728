import Yams

/// Checks that span several parts of an agent file: the language models against the `scripted`
/// section, dialogue states, and variables against the templates that use them.
struct AgentValidator {
    let decoder: AgentDecoder
    private var problems: ProblemCollector { decoder.problems }

    /// A `scripted` model needs intents; intents without a `scripted` model are never used; a cloud
    /// model without a system prompt is probably an oversight.
    func checkLanguageModels(_ llm: [LLMProviderConfig], scripted: ScriptedDialogue?, systemPrompt: TextTemplate,
                             map: MappingReader) {
        let usesScripted = llm.contains { $0.kind == .scripted }
        if usesScripted, scripted == nil, !map.contains("scripted") {
            problems.error(.missingField, at: map.node("llm")?.location ?? map.location,
                           "the scripted language model needs a \"scripted\" section with intents")
        }
        if !usesScripted, let at = map.keyLocation("scripted") {
            problems.warning(.ineffectiveSetting, at: at, "\"scripted\" has no effect: no llm entry is of kind scripted")
        }
        if llm.contains(where: { $0.kind != .scripted }), systemPrompt.source.isEmpty {
            problems.warning(.ineffectiveSetting, at: map.node("llm")?.location ?? map.location,
                             "a language model is configured but \"system_prompt\" is empty")
        }
    }

    /// Every state an intent requires should be reachable, and every `next_state` should lead
    /// somewhere: both catch misspelt state names.
    func checkStates(_ dialogue: ScriptedDialogue, intentsAt node: Node?) {
        guard let node, case .sequence(let items) = node else { return }
        let reachable = Set(dialogue.intents.compactMap(\.nextState)).union([dialogue.initialState])
        let required = Set(dialogue.intents.compactMap(\.state))
        for item in items {
            if let stateNode = AgentDecoder.child(item, "state"), let state = stateNode.scalar?.string,
               !reachable.contains(state) {
                problems.warning(.ineffectiveSetting, at: stateNode.location, "state \"\(state)\" is never entered: it is not "
                    + "the initial state and no intent has it as next_state" + DidYouMean.hint(for: state, among: Array(reachable).sorted()))
            }
            if let nextNode = AgentDecoder.child(item, "next_state"), let next = nextNode.scalar?.string,
               next != dialogue.initialState, !required.contains(next) {
                problems.warning(.ineffectiveSetting, at: nextNode.location, "no intent has state \"\(next)\", so entering "
                    + "it changes nothing" + DidYouMean.hint(for: next, among: Array(required).sorted()))
            }
        }
    }

    /// Declared variables should be used somewhere; used variables should come from somewhere.
    func checkVariables(declared: [String: String]) {
        var used: Set<String> = []
        for (template, location) in decoder.templateUses {
            for name in template.variableNames {
                used.insert(name)
                let known = declared[name] != nil || decoder.capturedVariables.contains(name)
                    || AgentConfig.builtinVariableNames.contains(name)
                if !known {
                    let candidates = Array(declared.keys) + Array(decoder.capturedVariables) + AgentConfig.builtinVariableNames
                    problems.warning(.undeclaredVariable, at: location, "{\(name)} is not declared in variables, captured by "
                        + "a pattern, or built in; it will be empty unless set at run time"
                        + DidYouMean.hint(for: name, among: candidates.sorted()))
                }
            }
        }
        for (name, location) in decoder.variableLocations.sorted(by: { $0.key < $1.key }) where !used.contains(name) {
            problems.warning(.unusedVariable, at: location, "variable \"\(name)\" is declared but no greeting, prompt, "
                + "reply or phrase uses it")
        }
    }
}
