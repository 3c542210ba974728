import BenchSupport
// switchboard-bench-media: nanoseconds per 20 ms frame for the media core, release build.
//   swift build -c release --product switchboard-bench-media && .build/release/switchboard-bench-media
//   .build/release/switchboard-bench-media frames N   (runs N chain + Opus frames untimed, for valgrind/heaptrack)
import Media

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let workloads = Workloads()
let arguments = CommandLine.arguments

if arguments.count == 3, arguments[1] == "frames", let count = Int(arguments[2]) {
    // Allocation check: run under `valgrind` with two counts; the difference in "total heap usage"
    // allocations divided by the difference in frames is the allocations per frame.
    let chain = try TelephonyChain()
    let encoder = try Opus.Encoder(sampleRate: .hz16000, configuration: .init(bitsPerSecond: 24_000))
    let decoder = try Opus.Decoder(sampleRate: .hz16000)
    var packet: [UInt8] = []
    var decoded = AudioFrame.silence(.hz16000)
    var dtmf = DTMFDetector(sampleRate: .hz8000)
    var aLaw: [UInt8] = []
    for index in 0..<count {
        chain.run(workloads.codes[index % workloads.codes.count])
        try encoder.encode(workloads.speech16k[index % workloads.speech16k.count], into: &packet)
        try decoder.decode(packet, into: &decoded)
        if index % 10 == 0 { try decoder.concealLoss(into: &decoded) }
        dtmf.process(workloads.speech8k[index % workloads.speech8k.count]) { _ in }
        ALaw.encode(chain.back, into: &aLaw)
    }
    print("ran \(count) frames, edges \(chain.edges), last packet \(packet.count) bytes")
    exit(0)
}

print("switchboard-bench-media: ns per 20 ms frame (median, p95, p99); release build")
print("workload".padded(to: 44) + "    median       p95       p99   samples")
var results: [FrameCost] = []
let batch = 100  // frames per timed sample for sub-microsecond workloads (clock reads cost ~20 ns)

var frame8k = AudioFrame.silence(.hz8000)
results.append(measure("µ-law decode 160 codes → 8 kHz frame", samples: 5_000, framesPerSample: batch) {
    for index in 0..<batch { MuLaw.decode(workloads.codes[index], into: &frame8k) }
    workloads.checksum &+= Int(frame8k.samples[7])
})
var codes: [UInt8] = []
codes.reserveCapacity(160)
results.append(measure("µ-law encode 8 kHz frame → 160 codes", samples: 5_000, framesPerSample: batch) {
    for index in 0..<batch { MuLaw.encode(workloads.speech8k[index], into: &codes) }
    workloads.checksum &+= Int(codes[7])
})
results.append(measure("A-law decode 160 codes → 8 kHz frame", samples: 5_000, framesPerSample: batch) {
    for index in 0..<batch { ALaw.decode(workloads.codes[index], into: &frame8k) }
    workloads.checksum &+= Int(frame8k.samples[7])
})

let up = try Resampler(from: .hz8000, to: .hz16000)
var frame16k = AudioFrame.silence(.hz16000)
var upIndex = 0
results.append(measure("resample 8 → 16 kHz (speex q3)", samples: 20_000) {
    up.process(workloads.speech8k[upIndex % workloads.speech8k.count], into: &frame16k)
    upIndex += 1
})
for quality in [Resampler.Quality(1), .desktop] {
    let variant = try Resampler(from: .hz8000, to: .hz16000, quality: quality)
    var index = 0
    results.append(measure("resample 8 → 16 kHz (speex q\(quality.value))", samples: 10_000) {
        variant.process(workloads.speech8k[index % workloads.speech8k.count], into: &frame16k)
        index += 1
    })
}
let down = try Resampler(from: .hz16000, to: .hz8000)
var downIndex = 0
results.append(measure("resample 16 → 8 kHz (speex q3)", samples: 20_000) {
    down.process(workloads.speech16k[downIndex % workloads.speech16k.count], into: &frame8k)
    downIndex += 1
})
var vad = VoiceActivityDetector(energy: .init())
var vadIndex = 0
results.append(measure("energy VAD, 16 kHz frame", samples: 20_000) {
    if vad.process(workloads.speech16k[vadIndex % workloads.speech16k.count]) != nil { workloads.checksum &+= 1 }
    vadIndex += 1
})

let chain = try TelephonyChain()
var chainIndex = 0
results.append(measure("chain: µ-law→8k→16k→VAD→8k→µ-law", samples: 20_000) {
    chain.run(workloads.codes[chainIndex % workloads.codes.count])
    chainIndex += 1
})

let encoder = try Opus.Encoder(sampleRate: .hz16000, configuration: .init(bitsPerSecond: 24_000))
var packet: [UInt8] = []
var packets: [[UInt8]] = []
var encodeIndex = 0
results.append(measure("Opus encode 16 kHz, 24 kb/s, complexity 5", samples: 5_000) {
    try! encoder.encode(workloads.speech16k[encodeIndex % workloads.speech16k.count], into: &packet)
    if packets.count < workloads.speech16k.count { packets.append(packet) }
    encodeIndex += 1
})
for complexity in [0, 10] {
    let variant = try Opus.Encoder(sampleRate: .hz16000, configuration: .init(bitsPerSecond: 24_000, complexity: complexity))
    var index = 0
    results.append(measure("Opus encode 16 kHz, 24 kb/s, complexity \(complexity)", samples: 3_000) {
        try! variant.encode(workloads.speech16k[index % workloads.speech16k.count], into: &packet)
        index += 1
    })
}
let decoder = try Opus.Decoder(sampleRate: .hz16000)
var decodeIndex = 0
results.append(measure("Opus decode 16 kHz", samples: 5_000) {
    try! decoder.decode(packets[decodeIndex % packets.count], into: &frame16k)
    decodeIndex += 1
})
results.append(measure("Opus conceal (PLC) 16 kHz", samples: 2_000) {
    try! decoder.concealLoss(into: &frame16k)
})

var dtmf = DTMFDetector(sampleRate: .hz8000)
var dtmfIndex = 0
results.append(measure("DTMF detector, 8 kHz frame", samples: 10_000) {
    dtmf.process(workloads.speech8k[dtmfIndex % workloads.speech8k.count]) { _ in workloads.checksum &+= 1 }
    dtmfIndex += 1
})

for result in results { print(result.line) }
print("checksum \(workloads.checksum &+ chain.edges &+ packet.count)")
