import Wire
import Speech

/// The JSON body a tool webhook receives: `{call_id, tool_call_id, agent, tool, arguments, variables}`.
/// `arguments` is the model's JSON object when it is one, else the model's text as a string (the
/// webhook can answer that it could not read it). Pure.
enum WebhookPayload {
    static func body(for call: ToolCall, context: ToolCallContext) -> String {
        JSONObjectWriter.object { out in
            out.string("call_id", context.callID)
            out.string("tool_call_id", call.id)
            out.string("agent", context.agentName)
            out.string("tool", call.name)
            if call.argumentsJSON.isEmpty {
                out.raw("arguments", "{}")
            } else if JSONWriter.isObject(call.argumentsJSON) {
                out.raw("arguments", call.argumentsJSON)
            } else {
                out.string("arguments", call.argumentsJSON)
            }
            out.raw("variables", JSONWriter.stringMap(context.variables))
        }
    }
}

/// The answers a tool run gives the model when the webhook did not: short JSON objects with an
/// `error` the model can explain to the caller. Never contains header values (they may be secrets).
enum ToolErrorReply {
    static func unknownTool(_ name: String) -> String {
        error("the tool \(name) is not declared for this agent")
    }

    static func timedOut(_ name: String, after milliseconds: Int) -> String {
        error("the tool \(name) did not answer within \(milliseconds) ms", kind: "timeout")
    }

    static func unreachable(_ name: String) -> String {
        error("the tool \(name) could not be reached", kind: "unreachable")
    }

    static func status(_ name: String, status: Int, body: String) -> String {
        JSONObjectWriter.object { out in
            out.string("error", "the tool \(name) answered HTTP \(status)")
            out.string("kind", "http_status")
            out.int("status", status)
            if !body.isEmpty { out.string("body", body) }
        }
    }

    static func tooLarge(_ name: String, limit: Int) -> String {
        error("the tool \(name) answered more than \(limit) bytes", kind: "too_large")
    }

    static func cancelled(_ name: String) -> String { error("the tool \(name) was cancelled", kind: "cancelled") }

    static func error(_ message: String, kind: String = "unavailable") -> String {
        JSONObjectWriter.object { out in
            out.string("error", message)
            out.string("kind", kind)
        }
    }
}
