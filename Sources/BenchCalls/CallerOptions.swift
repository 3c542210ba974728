/// What `switchboard-bench-calls` was asked to do (see main.swift for the command line).
struct CallerOptions: Sendable {
    var url = ""
    var calls = 50
    /// Seconds measured, after every call is up and warmed up.
    var seconds = 60.0
    /// Seconds between the last call's start and the measured window (greetings, first turns).
    var warmup = 6.0
    /// Calls started per second while ramping up.
    var rampPerSecond = 50.0
    var loops = 2
    /// The caller's schedule, per cycle: noise floor, `speech` seconds of speech-like audio from
    /// `speechStart`, noise floor to the cycle's end. Must match the fakes' (`switchboard-fakes calls`).
    var cycle = 4.5
    var speechStart = 0.5
    var speech = 1.5
    var serverPID: Int32?
    var fakesPID: Int32?
    /// The server's log, read after the calls end for the per-turn latencies of each call record.
    var serverLog: String?

    init() {}

    init(_ arguments: ArraySlice<String>) throws(CallerUsageError) {
        var rest = arguments
        var positional: [String] = []
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else {
                positional.append(argument)
                continue
            }
            guard let value = rest.popFirst() else { throw CallerUsageError("\(argument) needs a value") }
            switch argument {
            case "--warmup": warmup = try Self.number(argument, value)
            case "--ramp": rampPerSecond = max(1, try Self.number(argument, value))
            case "--loops": loops = max(1, Int(try Self.number(argument, value)))
            case "--cycle": cycle = try Self.number(argument, value)
            case "--speech-start": speechStart = try Self.number(argument, value)
            case "--speech": speech = try Self.number(argument, value)
            case "--server-pid": serverPID = Int32(try Self.number(argument, value))
            case "--fakes-pid": fakesPID = Int32(try Self.number(argument, value))
            case "--server-log": serverLog = value
            default: throw CallerUsageError("unknown option \(argument)")
            }
        }
        guard positional.count == 3 else { throw CallerUsageError("expected URL CALLS SECONDS") }
        url = positional[0]
        calls = max(1, Int(try Self.number("CALLS", positional[1])))
        seconds = try Self.number("SECONDS", positional[2])
        guard speechStart + speech < cycle else { throw CallerUsageError("speech must end before the cycle does") }
    }

    static func number(_ name: String, _ value: String) throws(CallerUsageError) -> Double {
        guard let number = Double(value), number >= 0 else { throw CallerUsageError("\(name): not a number: \(value)") }
        return number
    }
}

/// A command-line mistake, printed with the usage.
struct CallerUsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
