import Wire
import Conversation
import Net
import Orchestrator

/// Shows a PCM client what the call's timeline records: the caller's committed turns as final
/// transcripts, and what it heard of the agent. Called on the call's loop thread; forwards every entry
/// to the server's own timeline observer too.
struct PCMTimelineFeed: CallTimelineObserver {
    let connection: WebSocketConnection
    let next: (any CallTimelineObserver)?

    func call(_ callID: String, recorded entry: TimelineEntry) {
        next?.call(callID, recorded: entry)
        switch entry {
        case .userTurn(let text, _, _):
            _ = connection.send(text: #"{"type":"transcript","final":true,"text":"# + JSONWriter.quoted(text) + "}")
        case .agentTurn(let text, let interrupted, _):
            _ = connection.send(text: #"{"type":"agent","text":"# + JSONWriter.quoted(text) + #","interrupted":"# + (interrupted ? "true" : "false") + "}")
        default:
            break
        }
    }
}
