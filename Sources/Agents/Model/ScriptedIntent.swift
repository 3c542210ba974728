/// One thing a caller may want from an agent that runs the offline `scripted` language model: the
/// phrasings that recognise it, what the agent answers, and what happens next (a new dialogue state,
/// a hand-off to another agent, a transfer, or the end of the call).
public struct ScriptedIntent: Sendable, Hashable {
    /// Unique within the agent; appears in logs and call records.
    public var name: String
    /// Phrasings that trigger the intent (at least one unless `dtmf` is set).
    public var patterns: [IntentPattern]
    /// Keypad digits that trigger the intent (`"1"`, `"0#"`), if any.
    public var dtmf: String?
    /// What the agent says, with `{variables}` (including ones the patterns capture).
    public var reply: TextTemplate
    /// When set, the intent is recognised only in this dialogue state. Default: in every state.
    public var state: String?
    /// The dialogue state after the reply. Default: the state stays as it is.
    public var nextState: String?
    /// Name of the agent that takes over the call after the reply.
    public var handoff: String?
    /// Where to transfer the call after the reply (`sip:` / `tel:` URI or an E.164 number).
    public var transfer: String?
    /// Hang up after the reply. Default false.
    public var endCall: Bool

    /// Creates an intent; every argument but `name`, `patterns` and `reply` defaults to "not set".
    public init(name: String, patterns: [IntentPattern], dtmf: String? = nil, reply: TextTemplate,
                state: String? = nil, nextState: String? = nil, handoff: String? = nil,
                transfer: String? = nil, endCall: Bool = false) {
        self.name = name
        self.patterns = patterns
        self.dtmf = dtmf
        self.reply = reply
        self.state = state
        self.nextState = nextState
        self.handoff = handoff
        self.transfer = transfer
        self.endCall = endCall
    }
}
