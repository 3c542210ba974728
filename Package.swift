// swift-tools-version:6.0
// Switchboard: a voice-agent orchestration server on POSIX sockets. Layers (pure at the bottom):
// L0 Media · Wire · SIP · Agents   L1 Speech · Conversation   L2 Net   L3 Orchestrator · Providers
// L4 Telephony   L5 switchboard (CLI and wiring). See Docs/architecture.md.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
    ],
    targets: [
        // C entry points, one per library.
        .target(name: "CSystemShims", path: "Sources/CSystemShims"),
        .systemLibrary(name: "COpus", path: "Sources/COpus", pkgConfig: "opus",
                       providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "CSpeexDSP", path: "Sources/CSpeexDSP", pkgConfig: "speexdsp",
                       providers: [.apt(["libspeexdsp-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CPocketSphinx", path: "Sources/CPocketSphinx", pkgConfig: "pocketsphinx",
                       providers: [.apt(["libpocketsphinx-dev"])]),

        // L0: pure, no I/O.
        .target(name: "Media", dependencies: ["COpus", "CSpeexDSP"], swiftSettings: strict),
        .target(name: "Wire", swiftSettings: strict),
        // SIP: messages, headers, URIs, SDP offer/answer, digest, transactions. No dependencies (its own
        // MD5/SHA-256), so Scripts/fuzz.sh can compile it as a plain library.
        .target(name: "SIP", swiftSettings: strict),
        .target(name: "Agents", dependencies: [
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: strict),
        // Per-source abuse limits: token bucket + ban list with bounded memory, open connections per source.
        .target(name: "SourceLimits", swiftSettings: strict),

        // L1: provider protocols (Speech) and the pure per-call turn machine (Conversation).
        .target(name: "Speech", dependencies: ["Media"], swiftSettings: strict),
        .target(name: "Conversation", dependencies: ["Speech", "Media"], swiftSettings: strict),

        // L2: sockets, loops, TLS, HTTP/WebSocket servers and clients.
        .target(name: "Net", dependencies: [
            "Wire", "SourceLimits", "CSystemShims", "COpenSSL", "CCurl",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "HeapModule", package: "swift-collections"),
        ], swiftSettings: strict),

        // L3: provider adapters; the offline ones (scripted dialogue, espeak-ng, pocketsphinx) need no network.
        .target(name: "Providers", dependencies: [
            "Speech", "Agents", "Media", "Net", "Wire", "CSystemShims", "CSpeexDSP", "CPocketSphinx",
        ], swiftSettings: strict),
        // Fake provider servers on loopback speaking each vendor's wire format (tests and benchmarks).
        .target(name: "ProviderFakes", dependencies: ["Net", "Wire", "Speech", "Media"], swiftSettings: strict),

        // L3: the per-call actor, performing the TurnMachine's effects (Net and Providers are injected).
        .target(name: "Orchestrator", dependencies: ["Conversation", "Speech", "Agents", "Media", "Wire"],
                swiftSettings: strict),

        // L4: media-stream endpoints (Twilio Media Streams, raw PCM) driving CallSessions on Net's loops.
        .target(name: "Telephony", dependencies: [
            "SIP", "SourceLimits",
            "Orchestrator", "Net", "Wire", "Media", "Agents", "Speech", "Conversation",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),

        // L5: the daemon and CLI.
        .executableTarget(name: "switchboard", dependencies: [
            "Media", "Wire", "Net", "Agents", "Telephony", "Orchestrator", "Providers", "Speech", "Conversation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: strict),

        // Test support: chunk-split verifier, seeded inputs, provider fakes, a virtual clock, executors.
        .target(name: "SwitchboardTesting", dependencies: ["Wire", "Speech", "Media"], swiftSettings: strict),

        // Benchmarks: print figures (median, p95, p99), never asserted in tests. See Docs/benchmarks.md.
        // BenchSupport: the timing, percentile and setup helpers the bench executables share.
        .target(name: "BenchSupport", swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-media", dependencies: ["Media", "BenchSupport"], path: "Sources/BenchMedia",
                          swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-wire", dependencies: ["Wire", "BenchSupport"], path: "Sources/BenchWire",
                          swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-turn", dependencies: ["Conversation", "Speech"],
                          path: "Sources/BenchTurn", swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-session", dependencies: [
            "Orchestrator", "SwitchboardTesting", "Conversation", "Speech", "Media",
        ], path: "Sources/BenchSession", swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-net", dependencies: ["Net", "CSystemShims", "BenchSupport"],
                          path: "Sources/BenchNet", swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-tls", dependencies: ["Net", "BenchSupport"], path: "Sources/BenchTLS",
                          swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-wsclient", dependencies: ["Net", "Wire", "BenchSupport"],
                          path: "Sources/BenchWSClient", swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-twilio", dependencies: [
            "Telephony", "Orchestrator", "SwitchboardTesting", "Agents", "Media", "Speech", "Net", "Wire", "Conversation",
        ], path: "Sources/BenchTwilio", swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-ws", dependencies: ["Net", "Wire", "BenchSupport"], path: "Sources/BenchWebSocket",
                          swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-providers", dependencies: ["Providers", "Agents", "Speech", "Media"],
                          path: "Sources/BenchProviders", swiftSettings: strict),
        // Zero-latency provider fakes for Scripts/bench-overhead.sh.
        .executableTarget(name: "switchboard-fakes", dependencies: ["ProviderFakes", "Net", "Speech"], path: "Sources/BenchFakes",
                          swiftSettings: strict),
        // Concurrent Twilio calls against `switchboard serve` with cloud fakes (Scripts/bench-calls.sh).
        .executableTarget(name: "switchboard-bench-calls", dependencies: ["Net", "Wire", "Media", "BenchSupport"],
                          path: "Sources/BenchCalls", swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-tts", dependencies: ["Providers", "ProviderFakes", "Agents", "Speech", "Net"],
                          path: "Sources/BenchTTS", swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-sip", dependencies: ["SIP", "BenchSupport", "SwitchboardTesting"], path: "Sources/BenchSIP",
                          swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-rtp", dependencies: ["Telephony", "Media", "Net", "Speech", "Conversation", "BenchSupport"],
                          path: "Sources/BenchRTP", swiftSettings: strict),
        .executableTarget(name: "switchboard-bench-sipcalls", dependencies: [
            "Telephony", "SIP", "Agents", "Orchestrator", "Speech", "Net", "SwitchboardTesting",
            .product(name: "Logging", package: "swift-log"),
        ], path: "Sources/BenchSIPCalls", swiftSettings: strict),

        // Tests mirror the sources.
        .testTarget(name: "MediaTests", dependencies: ["Media"], swiftSettings: strict),
        .testTarget(name: "SourceLimitsTests", dependencies: ["SourceLimits", "SwitchboardTesting"], swiftSettings: strict),
        .testTarget(name: "WireTests", dependencies: ["Wire", "SwitchboardTesting"], swiftSettings: strict),
        .testTarget(name: "AgentsTests", dependencies: ["Agents"], swiftSettings: strict),
        .testTarget(name: "SpeechTests", dependencies: ["Speech", "Media", "SwitchboardTesting"], swiftSettings: strict),
        .testTarget(name: "ConversationTests", dependencies: ["Conversation", "Speech"], swiftSettings: strict),
        .testTarget(name: "NetTests", dependencies: ["Net", "CSystemShims", "SwitchboardTesting"], swiftSettings: strict),
        .testTarget(name: "NetTLSTests", dependencies: ["Net", "SwitchboardTesting"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "NetWebSocketClientTests", dependencies: ["Net", "Wire", "SwitchboardTesting"], exclude: ["Fixtures"],
                    swiftSettings: strict),
        .testTarget(name: "OrchestratorTests", dependencies: [
            "Orchestrator", "SwitchboardTesting", "Conversation", "Speech", "Agents", "Media",
        ], swiftSettings: strict),
        .testTarget(name: "NetHTTPTests", dependencies: [
            "Net", "Wire", "SwitchboardTesting",
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ], swiftSettings: strict),
        .testTarget(name: "TelephonyTests", dependencies: [
            "Telephony", "Orchestrator", "SwitchboardTesting", "Net", "Wire", "Media", "Agents", "Speech",
            "Conversation",
        ], exclude: ["Fixtures"], swiftSettings: strict),
        // Spawns the built `switchboard` binary (depends on it so `swift test` builds it first).
        .testTarget(name: "BenchCallsTests", dependencies: ["switchboard-bench-calls"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["switchboard", "Providers", "Speech", "Agents", "Media", "SwitchboardTesting",
                                                       "ProviderFakes", "Net"],
                    exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ProvidersTests", dependencies: ["Providers", "Speech", "Agents", "Media"],
                    swiftSettings: strict),
        // Cloud speech-to-text adapters (Deepgram, AssemblyAI, OpenAI batch) against their loopback fakes.
        .testTarget(name: "CloudSTTTests", dependencies: [
            "Providers", "ProviderFakes", "Speech", "Media", "Agents", "Net", "Wire", "SwitchboardTesting",
        ], swiftSettings: strict),
        .testTarget(name: "CloudLLMTests", dependencies: [
            "Providers", "ProviderFakes", "Speech", "Agents", "Net", "Wire", "SwitchboardTesting",
        ], swiftSettings: strict),
        .testTarget(name: "CloudTTSTests", dependencies: [
            "Providers", "ProviderFakes", "Speech", "Media", "Agents", "Net", "Wire", "SwitchboardTesting",
        ], swiftSettings: strict),
        .testTarget(name: "SIPTests", dependencies: ["SIP", "SwitchboardTesting"], exclude: ["Fixtures"],
                    swiftSettings: strict),
        .testTarget(name: "SIPUserAgentTests", dependencies: [
            "SIP", "Telephony", "Net", "Orchestrator", "Agents", "Speech", "Media", "Conversation", "SwitchboardTesting",
            "Providers",
        ], swiftSettings: strict),
        .testTarget(name: "RTPTests", dependencies: [
            "Media", "Telephony", "Net", "Orchestrator", "Speech", "Conversation", "SwitchboardTesting",
        ], swiftSettings: strict),
    ]
)
