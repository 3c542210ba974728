import Yams

/// The `scripted` section: the offline dialogue (intents, states, fallback reply).
extension AgentDecoder {
    static let scriptedKeys = ["initial_state", "fallback_reply", "intents"]
    static let intentKeys = ["name", "patterns", "dtmf", "reply", "state", "next_state", "handoff", "transfer", "end_call"]

    func readScripted(_ map: MappingReader) -> ScriptedDialogue? {
        guard let node = map.node("scripted"),
              let scripted = MappingReader(node, path: "scripted", keys: Self.scriptedKeys, problems: problems) else { return nil }
        let initialState = scripted.node("initial_state").flatMap { identifier($0, scripted.name("initial_state"), kind: "state") }
            ?? ScriptedDialogue.defaultInitialState
        let fallback = template(scripted, "fallback_reply") ?? TextTemplate(ScriptedDialogue.defaultFallbackReply)
        var intents: [ScriptedIntent] = []
        var seen: [String: Location] = [:]
        if let intentsNode = scripted.required("intents", "what callers may ask for"),
           let items = problems.list(intentsNode, "scripted.intents") {
            if items.isEmpty {
                problems.error(.missingField, at: intentsNode.location, "\"scripted.intents\" is empty; declare at least one intent")
            }
            for (index, item) in items.enumerated() {
                guard let (intent, nameLocation) = readIntent(item, "scripted.intents[\(index)]") else { continue }
                if let first = seen[intent.name] {
                    problems.error(.duplicateName, at: nameLocation,
                                   "intent \"\(intent.name)\" is declared twice (first at line \(first.line))")
                    continue
                }
                seen[intent.name] = nameLocation
                intents.append(intent)
            }
        }
        let dialogue = ScriptedDialogue(initialState: initialState, fallbackReply: fallback, intents: intents)
        AgentValidator(decoder: self).checkStates(dialogue, intentsAt: scripted.node("intents"))
        return dialogue
    }

    private func readIntent(_ node: Node, _ path: String) -> (ScriptedIntent, Location)? {
        guard let intent = MappingReader(node, path: path, keys: Self.intentKeys, problems: problems) else { return nil }
        let nameNode = intent.required("name", "unique within the agent")
        let name = nameNode.flatMap { identifier($0, intent.name("name"), kind: "intent") }
        let dtmf = intent.node("dtmf").flatMap { readDigits($0, intent.name("dtmf")) }
        var patterns: [IntentPattern] = []
        if let patternsNode = dtmf == nil ? intent.required("patterns", "phrasings that trigger the intent") : intent.node("patterns"),
           let nodes = problems.list(patternsNode, intent.name("patterns")) {
            patterns = nodes.enumerated().compactMap { index, node in
                problems.nonEmptyString(node, intent.name("patterns") + "[\(index)]").flatMap { pattern($0, node: node) }
            }
        }
        let reply = intent.required("reply", "what the agent answers").flatMap { node -> TextTemplate? in
            problems.nonEmptyString(node, intent.name("reply")).map { remember(TextTemplate($0), at: node.location) }
        }
        let state = intent.node("state").flatMap { identifier($0, intent.name("state"), kind: "state") }
        let nextState = intent.node("next_state").flatMap { identifier($0, intent.name("next_state"), kind: "state") }
        let handoff = intent.node("handoff").flatMap { node -> String? in
            guard let target = problems.nonEmptyString(node, intent.name("handoff")) else { return nil }
            handoffs.append(AgentReference(name: target, referrer: "hand-off", location: sourceLocation(node.location)))
            return target
        }
        let transfer = intent.node("transfer").flatMap { readTransfer($0, intent.name("transfer")) }
        let endCall = intent.bool("end_call") ?? false
        let outcomes = [handoff != nil, transfer != nil, endCall].filter { $0 }.count
        if outcomes > 1 {
            problems.error(.invalidValue, at: intent.location, "\"\(path)\" combines handoff, transfer and end_call; "
                + "an intent can end the agent's part of the call in only one way")
        }
        guard let name, let reply else { return nil }
        return (ScriptedIntent(name: name, patterns: patterns, dtmf: dtmf, reply: reply, state: state, nextState: nextState,
                               handoff: handoff, transfer: transfer, endCall: endCall), nameNode?.location ?? intent.location)
    }

    private func pattern(_ text: String, node: Node) -> IntentPattern? {
        do {
            let pattern = try IntentPattern(parsing: text)
            capturedVariables.formUnion(pattern.captureNames)
            return pattern
        } catch {
            problems.error(.malformedPattern, at: node.location(ofCharacter: error.offset), "pattern \"\(text)\": \(error.message)")
            return nil
        }
    }

    private func identifier(_ node: Node, _ what: String, kind: String) -> String? {
        guard let text = problems.nonEmptyString(node, what) else { return nil }
        guard TextTemplate.isIdentifier(Substring(text)) else {
            problems.error(.invalidValue, at: node.location, "\(kind) name \"\(text)\" must be letters, digits and _ "
                + "(not starting with a digit)")
            return nil
        }
        return text
    }

    private func readDigits(_ node: Node, _ what: String) -> String? {
        guard let digits = problems.nonEmptyString(node, what) else { return nil }
        guard digits.allSatisfy({ "0123456789*#ABCD".contains($0) }), digits.count <= 32 else {
            problems.error(.invalidValue, at: node.location, "\"\(what)\" must be keypad digits (0-9, *, #, A-D), found \"\(digits)\"")
            return nil
        }
        return digits
    }

    /// A `sip:`, `sips:` or `tel:` URI, or an E.164 number (`+` and 2 to 15 digits).
    private func readTransfer(_ node: Node, _ what: String) -> String? {
        guard let target = problems.nonEmptyString(node, what) else { return nil }
        let lower = target.lowercased()
        let number = ServerConfig.normalizedNumber(target)
        let isNumber = number.hasPrefix("+") && (2...15).contains(number.count - 1) && number.dropFirst().allSatisfy(\.isASCIIDigit)
        guard isNumber || (["sip:", "sips:", "tel:"].contains { lower.hasPrefix($0) && lower.count > $0.count }) else {
            problems.error(.invalidValue, at: node.location, "\"\(what)\" must be a sip:, sips: or tel: URI or a +E.164 number")
            return nil
        }
        return target
    }
}
