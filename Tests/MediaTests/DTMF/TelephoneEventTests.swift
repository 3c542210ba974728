import Testing
@testable import Media

@Suite struct TelephoneEventTests {
    @Test func encodesTheRFC4733Layout() {
        // Event 5, E set, volume 10, duration 800 (100 ms at 8 kHz).
        #expect(TelephoneEvent(digit: .five, isEnd: true, volume: 10, duration: 800).encoded == [0x05, 0x8A, 0x03, 0x20])
        #expect(TelephoneEvent(digit: .pound, isEnd: false, volume: 63, duration: 0xFFFF).encoded == [0x0B, 0x3F, 0xFF, 0xFF])
    }

    @Test func parsesWhatItEncodesAndIgnoresTheReservedBit() throws {
        let parser = TelephoneEventParser()
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<500 {
            let event = TelephoneEvent(event: .random(in: 0...255, using: &generator), isEnd: .random(using: &generator),
                                       volume: .random(in: 0...63, using: &generator), duration: .random(in: 0...0xFFFF, using: &generator))
            #expect(try parser.parse(event.encoded) == [event])
        }
        let reservedSet = try parser.parse([0x01, 0x4A, 0x00, 0xA0])
        #expect(reservedSet == [TelephoneEvent(digit: .one, isEnd: false, volume: 10, duration: 160)])
        #expect(reservedSet[0].digit == .one)
        #expect(try parser.parse([16, 0x80, 0, 80])[0].digit == nil)  // hook flash
    }

    @Test func packedEventsParseInOrderWithConsecutiveStarts() throws {
        let events = [TelephoneEvent(digit: .one, isEnd: true, duration: 400),
                      TelephoneEvent(digit: .two, isEnd: true, duration: 480),
                      TelephoneEvent(digit: .three, isEnd: false, duration: 160)]
        let payload = events.flatMap(\.encoded)
        #expect(try TelephoneEventParser().parse(payload) == events)
        #expect(TelephoneEvent.startOffsets(of: events) == [0, 400, 880])
    }

    @Test func malformedPayloadsGiveTypedErrorsWithOffsets() {
        let parser = TelephoneEventParser(maximumEvents: 2)
        #expect(throws: TelephoneEventError(.empty, at: 0)) { try parser.parse([UInt8]()) }
        #expect(throws: TelephoneEventError(.partialEvent(byteCount: 3), at: 0)) { try parser.parse([1, 2, 3]) }
        #expect(throws: TelephoneEventError(.partialEvent(byteCount: 1), at: 4)) { try parser.parse([1, 2, 3, 4, 5]) }
        #expect(throws: TelephoneEventError(.tooManyEvents(limit: 2), at: 8)) { try parser.parse([UInt8](repeating: 1, count: 12)) }
        #expect(TelephoneEventParser.defaultMaximumEvents == TelephoneEventParser().maximumEvents)
    }

    enum Outcome: Equatable { case events([TelephoneEvent]), failed(TelephoneEventError) }

    static func parse(_ pieces: [ArraySlice<UInt8>]) -> Outcome {
        var parser = TelephoneEventParser(maximumEvents: 3)
        do {
            for piece in pieces { try parser.feed(piece) }
            return .events(try parser.finish())
        } catch {
            return .failed(error)
        }
    }

    @Test(arguments: [[UInt8](), [5, 0x8A, 3, 0x20], [1, 0x80, 1, 0x90, 2, 0x0A, 0, 0xA0], [1, 2, 3, 4, 5, 6],
                      [UInt8](repeating: 9, count: 16)])
    func splittingThePayloadAnywhereGivesTheSameResult(payload: [UInt8]) {
        #expect(ChunkSplit.mismatches(payload, parse: Self.parse).isEmpty)
    }

    @Test func randomPayloadsEndInEventsOrATypedError() {
        var generator = SeededGenerator(seed: 77)
        for _ in 0..<5_000 {
            let payload = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            switch Self.parse([payload[...]]) {
            case .events(let events):
                #expect(payload.count == events.count * 4 && events.count <= 3)
                #expect(events.allSatisfy { $0.volume <= 63 })
            case .failed(let error):
                #expect(error.offset >= 0 && error.offset <= payload.count)
            }
        }
    }
}
