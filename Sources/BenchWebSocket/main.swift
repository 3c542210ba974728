import BenchSupport
// switchboard-bench-ws: WebSocket server load, two processes (see Scripts/bench-http.sh).
//   switchboard-bench-ws serve [--loops N] [--port P]      echo server (Net's HTTPServer), prints `port N`
//   switchboard-bench-ws load --port P [--connections 1000] [--seconds 10] [--size 160]
//                            [--window 0|W] [--loops 1] [--server-pid PID]
// Build in release: swift build -c release --product switchboard-bench-ws
import Net

let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? ""
func option(_ name: String) -> String? {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

switch command {
case "serve":
    try await runEchoServer(loops: option("loops").flatMap(Int.init) ?? EventLoopGroup.defaultLoopCount,
                            port: option("port").flatMap(UInt16.init) ?? 0)
case "load":
    var settings = LoadSettings()
    guard let port = option("port").flatMap(UInt16.init) else { fatalError("load needs --port") }
    settings.port = port
    settings.path = option("path") ?? settings.path
    settings.connections = option("connections").flatMap(Int.init) ?? settings.connections
    settings.seconds = option("seconds").flatMap(Double.init) ?? settings.seconds
    settings.size = option("size").flatMap(Int.init) ?? settings.size
    settings.window = option("window").flatMap(Int.init) ?? settings.window
    settings.loops = option("loops").flatMap(Int.init) ?? settings.loops
    settings.serverPID = option("server-pid").flatMap(Int32.init)
    try await runLoad(settings)
default:
    print("usage: switchboard-bench-ws serve|load [options] (see Sources/BenchWebSocket/main.swift)")
}
