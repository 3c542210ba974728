/// Keypad (DTMF) digits as caller input.
extension TurnMachine {
    mutating func keyPressed(_ key: Character, at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing else { return }
        timers.disarm(.noInput, into: &effects)
        if let reply, reply.interruptible, settings.bargeIn.enabled {
            if reply.kind == .answer, !reply.isAudible {
                abandonUnheardReply(at: now, into: &effects)
            } else {
                interrupt(at: now, into: &effects)
            }
        }
        if key == settings.keypad.terminator {
            commitKeypadDigits(at: now, into: &effects)
            return
        }
        guard keypadDigits.count < settings.keypad.maximumDigits else { return }
        keypadDigits.append(key)
        timers.arm(.keypadInterDigit, at: now.advanced(by: settings.keypad.interDigitTimeout), now: now,
                   into: &effects)
    }

    /// The digits so far become the caller's turn (held back while a reply that cannot be interrupted plays).
    mutating func commitKeypadDigits(at now: CallInstant, into effects: inout [Effect]) {
        timers.disarm(.keypadInterDigit, into: &effects)
        guard reply == nil, phase == .conversing else { return }
        guard !keypadDigits.isEmpty else {
            armNoInputIfIdle(at: now, into: &effects)
            return
        }
        let text = settings.keypad.messagePrefix + String(keypadDigits)
        keypadDigits.removeAll()
        commitUserTurn(text, source: .keypad, speechEnded: now, sttFinal: nil, at: now, into: &effects)
    }
}
