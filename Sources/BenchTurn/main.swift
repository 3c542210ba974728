import Conversation

// switchboard-bench-turn: nanoseconds per `TurnMachine.handle` over typical turns (see TypicalTurnDriver).
// Prints median/p95/p99 per event overall and by kind, and per whole turn. Run in release:
//   swift run -c release switchboard-bench-turn [calls] [turnsPerCall]

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let calls = arguments.first ?? 500
let turnsPerCall = arguments.dropFirst().first ?? 20
let settings = TurnSettings(systemPrompt: "You are the assistant of a bakery. Answer briefly.",
                            greeting: nil, maximumCallDuration: nil)
let questions = ["Are you open on Saturday?", "Where is the bakery exactly, is it near the station?",
                 "Can I reserve some bread for tomorrow morning please?", "Thank you, that is all."]

/// The value at `fraction` (0…1) of sorted `values`.
func percentile(_ sorted: [Int64], _ fraction: Double) -> Int64 {
    sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
}

func line(_ label: String, _ values: [Int64], unit: Int64 = 1) -> String {
    let sorted = values.sorted()
    let cells = [0.5, 0.95, 0.99].map { String(percentile(sorted, $0) / unit) }
    return "| \(label) | \(values.count) | " + cells.joined(separator: " | ") + " |"
}

// Warm-up: a few calls not measured.
for _ in 0..<20 {
    var driver = TypicalTurnDriver(settings: settings)
    for turn in 0..<turnsPerCall { _ = driver.runTurn(question: questions[turn % questions.count]) }
}

var perKind: [String: [Int64]] = [:]
var perTurn: [Int64] = []
for _ in 0..<calls {
    var driver = TypicalTurnDriver(settings: settings)
    for turn in 0..<turnsPerCall { perTurn.append(driver.runTurn(question: questions[turn % questions.count])) }
    for (kind, values) in driver.samples { perKind[kind, default: []] += values }
}

let clock = ContinuousClock()
var clockCost: [Int64] = []
for _ in 0..<100_000 {
    let start = clock.now
    let elapsed = start.duration(to: clock.now)
    clockCost.append(elapsed.components.attoseconds / 1_000_000_000)
}

let all = perKind.values.flatMap { $0 }
print("TurnMachine.handle: \(calls) calls × \(turnsPerCall) turns, \(all.count) events, \(all.count / perTurn.count) per turn")
print("| events | count | median ns | p95 ns | p99 ns |")
print("| --- | --- | --- | --- | --- |")
print(line("all events", all))
for kind in perKind.keys.sorted() { print(line(kind, perKind[kind]!)) }
print(line("whole turn (µs)", perTurn, unit: 1000))
print(line("clock read pair (overhead in every sample)", clockCost))
