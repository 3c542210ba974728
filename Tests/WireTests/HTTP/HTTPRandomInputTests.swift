import SwitchboardTesting
import Testing
import Wire

/// Bounded random-input tests: 20k mutated and random inputs per parser never crash, never yield more
/// than the limits allow, keep a bounded buffer, and give the same result whole or chunked.
@Suite struct HTTPRandomInputTests {
    static let dictionary: [[UInt8]] = [
        "\r\n", "\r\n\r\n", "\n", "\r", ": ", "Content-Length: ", "Transfer-Encoding: chunked", "Host: h",
        "Connection: close", "Upgrade: websocket", "HTTP/1.1", "HTTP/1.0", " 200 OK", "0\r\n\r\n", "ffffffffffffffffff",
        "99999999999999999999", ";ext=1", "GET / ", "\t", "\u{0}",
    ].map { Array($0.utf8) }

    static let limits = HTTPParserLimits(maxStartLineBytes: 128, maxTargetBytes: 64, maxFieldLineBytes: 96,
                                         maxHeaderBytes: 256, maxHeaderCount: 8, maxBodyBytes: 512, maxChunkLineBytes: 32)

    @Test func requestParserSurvivesRandomInputWithinLimits() {
        let corpus = HTTPChunkSplitTests.requestCorpus.map { Array($0.utf8) }
        RandomInputs.forEach(seed: 0xA11CE, corpus: corpus, dictionary: Self.dictionary) { round, input, chunks in
            var parser = HTTPRequestParser(limits: Self.limits)
            var transcript = Transcripts.Request()
            var bodyBytes = 0
            feeding: for chunk in chunks {
                parser.append(chunk)
                do throws(HTTPParseError) {
                    while let event = try parser.nextEvent() {
                        transcript.outputs.append(event)
                        switch event {
                        case .head(let head):
                            #expect(head.headers.count <= Self.limits.maxHeaderCount, "round \(round)")
                            #expect(head.target.utf8.count <= Self.limits.maxTargetBytes, "round \(round)")
                            bodyBytes = 0
                        case .body(let bytes):
                            bodyBytes += bytes.count
                            #expect(bodyBytes <= Self.limits.maxBodyBytes, "round \(round)")
                        case .end(let trailers):
                            #expect(trailers.count <= Self.limits.maxHeaderCount, "round \(round)")
                        }
                    }
                    // Drained: what stays buffered is at most one unfinished line (or, once paused for an
                    // upgrade, bytes that belong to the next protocol).
                    #expect(parser.isPausedForUpgrade || parser.bufferedByteCount <= Self.limits.maxStartLineBytes + 1, "round \(round)")
                } catch {
                    #expect((0...input.count).contains(error.offset), "round \(round)")
                    #expect([400, 413, 414, 431, 501, 505].contains(error.status), "round \(round)")
                    transcript.failure = error
                    break feeding
                }
            }
            let whole = Transcripts.requests([input[...]], limits: Self.limits)
            #expect(transcript.coalescing(Transcripts.mergeRequestBodies) == whole, "round \(round): \(input.hex)")
        }
    }

    @Test func responseParserSurvivesRandomInputWithinLimits() {
        let corpus = HTTPChunkSplitTests.responseCorpus.map { Array($0.utf8) }
        var limits = Self.limits
        limits.maxBodyBytes = 64
        RandomInputs.forEach(seed: 0xB0B, corpus: corpus, dictionary: Self.dictionary) { round, input, chunks in
            let chunked = Transcripts.responses(chunks, limits: limits, finish: true)
            let whole = Transcripts.responses([input[...]], limits: limits, finish: true)
            #expect(chunked == whole, "round \(round): \(input.hex)")
            var bodyBytes = 0
            for event in whole.outputs {
                switch event {
                case .head(let head): #expect(head.headers.count <= limits.maxHeaderCount); bodyBytes = 0
                case .body(let bytes):
                    bodyBytes += bytes.count
                    #expect(bodyBytes <= limits.maxBodyBytes, "round \(round)")
                case .end: break
                }
            }
            if let failure = whole.failure { #expect((0...input.count).contains(failure.offset), "round \(round)") }
        }
    }
}
