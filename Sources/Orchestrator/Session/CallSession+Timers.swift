import Conversation

/// Timers: one task per armed timer, sleeping on the call's clock until the deadline the machine set.
extension CallSession {
    func startTimer(_ kind: TimerKind, deadline: CallInstant) {
        let token = timers.makeToken()
        let clock = self.clock
        let task = spawn { [self] in
            do {
                try await clock.sleep(until: deadline)
            } catch {
                return
            }
            await timerElapsed(kind, token: token)
        }
        timers.arm(kind, token: token, task: task)
    }

    private func timerElapsed(_ kind: TimerKind, token: Int) {
        guard timers.take(kind, token: token) else { return }
        handle(.timerFired(kind))
    }
}
