import Conversation

extension CallSession {
    /// Asks the transport to hand the caller on. A transfer without a target, or one the transport cannot
    /// perform, ends the call as the agent's own hang-up (`agentEnded`) instead of `transferred`.
    func performTransfer(_ request: TransferRequest) {
        guard let transfer = CallTransfer(request, variables: configuration.variables, callID: callID,
                                          agentName: agentName),
              transport.transfer(transfer)
        else {
            if endReason == nil { endReason = .agentEnded }
            return
        }
        if endReason == nil { endReason = .transferred }
    }
}
