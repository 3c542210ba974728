/// How a transfer the agent asked for ended, as the call's transport reports it to the session
/// (`CallSession.transferEnded(_:)`), which passes it to the machine (`transferCompleted` /
/// `transferFailed`) and keeps it in the call's record.
public enum TransferOutcome: Sendable, Hashable {
    /// The far end took the caller on (a final `2xx` NOTIFY sipfrag; `status` is that code). The call
    /// then ends as `transferred`.
    case completed(status: Int?)
    /// The caller is still with us; the agent says so and the conversation goes on.
    case failed(TransferFailure)
}

/// Why a transfer did not happen. The caller stays on the line.
public enum TransferFailure: Sendable, Hashable {
    /// The PBX answered the REFER with this final non-2xx status (403, 405, 501, …).
    case refused(status: Int)
    /// The PBX accepted the REFER, then reported the call to the target failed with this status
    /// (a NOTIFY whose sipfrag is `SIP/2.0 486 Busy Here`, …).
    case targetFailed(status: Int)
    /// No answer to the REFER, or no final NOTIFY, within the transport's transfer timeout.
    case timedOut
    /// The PBX ended the transfer's subscription without saying how the transfer went.
    case unconfirmed
    /// This transport has no signalling to transfer with (a Twilio or PCM media stream).
    case unsupported
    /// The tool call named no usable target.
    case invalidTarget
    /// The call cannot transfer now (not answered yet, or another transfer still running).
    case unavailable

    /// A short stable label for records, logs and metrics (`refused`, `target_failed`, `timed_out`, …).
    public var label: String {
        switch self {
        case .refused: "refused"
        case .targetFailed: "target_failed"
        case .timedOut: "timed_out"
        case .unconfirmed: "unconfirmed"
        case .unsupported: "unsupported"
        case .invalidTarget: "invalid_target"
        case .unavailable: "unavailable"
        }
    }

    /// The SIP status the far end gave, when it gave one.
    public var status: Int? {
        switch self {
        case .refused(let status), .targetFailed(let status): status
        default: nil
        }
    }

    /// What the model sees as the `transfer` tool's result, so it can offer something else.
    public var toolResult: String {
        let why = switch self {
        case .refused(let status): "the phone system refused the transfer (SIP \(status))"
        case .targetFailed(let status): "the person or queue could not be reached (SIP \(status))"
        case .timedOut: "the phone system did not answer in time"
        case .unconfirmed: "the phone system did not confirm the transfer"
        case .unsupported: "this call cannot be transferred (no phone signalling on this line)"
        case .invalidTarget: "the transfer named no usable target"
        case .unavailable: "a transfer cannot be made on this call right now"
        }
        return "Transfer failed: \(why). The caller is still on the line and has been told. "
            + "Offer another way to help."
    }
}

extension TransferOutcome {
    /// A short stable label: `completed` or the failure's label.
    public var label: String {
        switch self {
        case .completed: "completed"
        case .failed(let failure): failure.label
        }
    }
}
