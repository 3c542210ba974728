import SwitchboardTesting
import Testing
import Wire

/// 20k mutated and random byte streams per role: never a crash, nothing bigger than the limits,
/// every error carries a close code, and the result does not depend on chunking.
@Suite struct WebSocketRandomInputTests {
    static let dictionary: [[UInt8]] = [
        [0x81], [0x01], [0x80], [0x00], [0x88], [0x89], [0x8A], [0x82], [0x7E, 0x00, 0x80], [0x7F, 0, 0, 0, 0, 0, 0, 1, 0],
        [0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0], [0x03, 0xE8], [0x03, 0xED], [0xE2, 0x82], [0xC0, 0x80], [0xF4, 0x90],
        [0x85, 0x01, 0x02, 0x03, 0x04],
    ]

    static let maxFrame = 256
    static let maxMessage = 512

    /// 10k rounds per role: 20k inputs for the codec in all.
    @Test(arguments: [WebSocketRole.server, .client])
    func assemblerSurvivesRandomInputWithinLimits(role: WebSocketRole) {
        let corpus = WebSocketChunkSplitTests.corpus.filter { $0.1 == role }.map(\.0)
        RandomInputs.forEach(seed: role == .server ? 0x5E4 : 0xC11, corpus: corpus, dictionary: Self.dictionary,
                             rounds: RandomInputs.rounds / 2) { round, input, chunks in
            let chunked = Transcripts.messages(chunks, role: role, maxFrame: Self.maxFrame, maxMessage: Self.maxMessage)
            let whole = Transcripts.messages([input[...]], role: role, maxFrame: Self.maxFrame, maxMessage: Self.maxMessage)
            #expect(chunked == whole, "round \(round): \(input.hex)")
            for message in whole.outputs {
                switch message {
                case .text(let text): #expect(text.utf8.count <= Self.maxMessage, "round \(round)")
                case .binary(let bytes): #expect(bytes.count <= Self.maxMessage, "round \(round)")
                case .ping(let bytes), .pong(let bytes): #expect(bytes.count <= 125, "round \(round)")
                case .close(let code, let reason):
                    #expect(code?.isAllowedOnWire ?? true, "round \(round)")
                    #expect(reason.utf8.count <= 123, "round \(round)")
                }
            }
            if let failure = whole.failure {
                #expect((0...input.count).contains(failure.offset), "round \(round)")
                #expect([1002, 1007, 1009].contains(failure.closeCode.rawValue), "round \(round)")
            }
        }
    }
}
