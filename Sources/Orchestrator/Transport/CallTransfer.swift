import Conversation
import Wire

/// A transfer as the transport performs it: where to send the caller, and the context the human picking
/// up should see (the model's summary or the caller's last words, the call's variables), which a SIP
/// transport puts in REFER headers a PBX can show.
public struct CallTransfer: Sendable, Hashable {
    /// Where to: a `sip:`/`tel:` URI or a number, as the model or the scripted intent gave it.
    public var target: String
    /// One line for the person taking the call.
    public var summary: String
    /// The call's variables (caller number, captured values).
    public var variables: [String: String]
    public var callID: String
    public var agentName: String

    public init(target: String, summary: String, variables: [String: String], callID: String, agentName: String) {
        self.target = target
        self.summary = summary
        self.variables = variables
        self.callID = callID
        self.agentName = agentName
    }

    /// The transfer a `transfer` tool call asks for, or nil when its arguments name no target.
    /// Arguments: `{"target": "sip:desk@pbx.example.com", "summary": "wants to move Tuesday's booking"}`;
    /// without a summary the caller's last words are passed on.
    public init?(_ request: TransferRequest, variables: [String: String], callID: String, agentName: String) {
        guard let object = try? JSONParser().parse(request.argumentsJSON),
              let target = object["target"]?.stringValue?.trimmedOfSpaces, !target.isEmpty
        else { return nil }
        let summary = object["summary"]?.stringValue ?? request.lastCallerText.map { "Caller said: \($0)" } ?? ""
        self.init(target: target, summary: summary, variables: variables, callID: callID, agentName: agentName)
    }
}

private extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmedOfSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
