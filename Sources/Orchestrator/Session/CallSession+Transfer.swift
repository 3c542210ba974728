import Conversation

/// Transfers: the machine's `transfer` effect asks the transport to hand the caller on; the transport's
/// answer (at once, or later through `transferEnded(_:)`) goes back to the machine, which hangs up as
/// `transferred` only on success, and into the call's record.
extension CallSession {
    /// Asks the transport to hand the caller on. A request without a usable target, or one the
    /// transport cannot attempt, fails at once: the caller is told and the call goes on.
    func performTransfer(_ request: TransferRequest) {
        let now = clock.now
        guard let transfer = CallTransfer(request, variables: configuration.variables, callID: callID,
                                          agentName: agentName)
        else {
            recorder.transferRequested(target: "", at: now)
            transferEnded(.failed(.invalidTarget))
            return
        }
        recorder.transferRequested(target: transfer.target, at: now)
        switch transport.transfer(transfer) {
        case .started: break
        case .failed(let failure): transferEnded(.failed(failure))
        }
    }

    /// The transport's report on the transfer it started: kept in the record, then handed to the
    /// machine (success ends the call as `transferred`; failure keeps it, the agent says so). A report
    /// with no transfer pending (late, or after the call ended) is ignored.
    public func transferEnded(_ outcome: TransferOutcome) {
        guard lifecycle == .answered, recorder.transferEnded(outcome, at: clock.now) else { return }
        switch outcome {
        case .completed: handle(.transferCompleted)
        case .failed(let failure): handle(.transferFailed(failure))
        }
    }
}
