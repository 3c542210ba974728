/// The deadlines of the call's armed timers, one slot per `TimerKind`. Arming and disarming append the
/// matching effects, so the session's timers always mirror this table.
struct ArmedTimers: Sendable {
    private var deadlines = [CallInstant?](repeating: nil, count: TimerKind.allCases.count)

    func deadline(of kind: TimerKind) -> CallInstant? { deadlines[kind.rawValue] }

    func isArmed(_ kind: TimerKind) -> Bool { deadlines[kind.rawValue] != nil }

    /// Arms `kind` to fire at `deadline` (re-arming replaces; the same deadline again emits nothing).
    mutating func arm(_ kind: TimerKind, at deadline: CallInstant, now: CallInstant,
                      into effects: inout [TurnMachine.Effect]) {
        guard deadlines[kind.rawValue] != deadline else { return }
        deadlines[kind.rawValue] = deadline
        effects.append(.startTimer(kind, after: max(.zero, deadline - now)))
    }

    mutating func disarm(_ kind: TimerKind, into effects: inout [TurnMachine.Effect]) {
        guard deadlines[kind.rawValue] != nil else { return }
        deadlines[kind.rawValue] = nil
        effects.append(.cancelTimer(kind))
    }

    mutating func disarmAll(into effects: inout [TurnMachine.Effect]) {
        for kind in TimerKind.allCases { disarm(kind, into: &effects) }
    }

    /// Accepts a fire of `kind` at `now` if it is armed and due (a fire that raced a cancel or a re-arm is
    /// refused); the timer is then no longer armed.
    mutating func fire(_ kind: TimerKind, now: CallInstant) -> Bool {
        guard let deadline = deadlines[kind.rawValue], now >= deadline else { return false }
        deadlines[kind.rawValue] = nil
        return true
    }

    var armedKinds: [TimerKind] { TimerKind.allCases.filter(isArmed) }
}
