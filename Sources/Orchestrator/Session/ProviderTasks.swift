import Conversation

/// The tasks consuming a call's provider streams and running its tools, keyed by the ids the turn machine
/// cancels them by. A task removes itself when its stream ends; a cancelled task is removed by whoever
/// cancelled it, so every task is cancelled at most once.
struct ProviderTasks {
    var generations: [GenerationID: Task<Void, Never>] = [:]
    var syntheses: [UtteranceID: Task<Void, Never>] = [:]
    var tools: [String: Task<Void, Never>] = [:]
    /// Canned phrases being synthesized at the start of the call.
    var phrases: [CannedPhrase: Task<Void, Never>] = [:]

    var isEmpty: Bool { generations.isEmpty && syntheses.isEmpty && tools.isEmpty && phrases.isEmpty }

    mutating func cancelGeneration(_ id: GenerationID) {
        generations.removeValue(forKey: id)?.cancel()
    }

    mutating func cancelSyntheses() {
        for task in syntheses.values { task.cancel() }
        syntheses.removeAll()
    }

    mutating func cancelTool(_ callID: String) {
        tools.removeValue(forKey: callID)?.cancel()
    }

    /// Cancels everything still running (the call ended).
    mutating func cancelAll() {
        for task in generations.values { task.cancel() }
        for task in tools.values { task.cancel() }
        for task in phrases.values { task.cancel() }
        cancelSyntheses()
        generations.removeAll()
        tools.removeAll()
        phrases.removeAll()
    }
}

/// The call's armed timers: one sleeping task per `TimerKind`, tagged with a token so a timer replaced or
/// cancelled while its task was already waking up is recognised and dropped.
struct SessionTimers {
    private var armed: [TimerKind: (token: Int, task: Task<Void, Never>)] = [:]
    private var nextToken = 0

    var isEmpty: Bool { armed.isEmpty }

    /// A fresh token for the next timer.
    mutating func makeToken() -> Int {
        nextToken += 1
        return nextToken
    }

    /// Arms `kind` with `task`, cancelling the timer it replaces.
    mutating func arm(_ kind: TimerKind, token: Int, task: Task<Void, Never>) {
        armed.updateValue((token, task), forKey: kind)?.task.cancel()
    }

    mutating func cancel(_ kind: TimerKind) {
        armed.removeValue(forKey: kind)?.task.cancel()
    }

    /// Takes the timer when its task wakes up; false if it was cancelled or replaced since.
    mutating func take(_ kind: TimerKind, token: Int) -> Bool {
        guard armed[kind]?.token == token else { return false }
        armed[kind] = nil
        return true
    }

    mutating func cancelAll() {
        for timer in armed.values { timer.task.cancel() }
        armed.removeAll()
    }
}
