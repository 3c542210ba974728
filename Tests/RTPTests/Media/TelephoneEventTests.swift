import Media
import Testing

@Suite struct TelephoneEventTests {
    @Test func senderEmitsMarkedStartTimedUpdatesAndThreeIdenticalEnds() {
        var sender = TelephoneEventSender(digit: .five, startTimestamp: 8000, durationMilliseconds: 200)
        var packets: [TelephoneEventSender.Packet?] = []
        while !sender.isFinished { packets.append(sender.next()) }
        let sent = packets.compactMap { $0 }
        #expect(sent.allSatisfy { $0.timestamp == 8000 && $0.event.event == 5 })
        #expect(sent.map(\.marker) == [true] + Array(repeating: false, count: sent.count - 1))
        let ends = sent.filter(\.event.isEnd)
        #expect(ends.count == 3)
        #expect(ends.allSatisfy { $0.event.duration == 1600 })
        #expect(sent.suffix(3).allSatisfy { $0.event.isEnd })
        // Interim updates: growing durations, due every 400 units (50 ms), sent on 20 ms ticks.
        let interim = sent.filter { !$0.event.isEnd }.map { Int($0.event.duration) }
        #expect(interim == [160, 480, 800, 1280])
        #expect(zip(interim, interim.dropFirst()).allSatisfy { $1 - $0 <= 480 && $1 > $0 })
        #expect(sender.next() == nil)
    }

    @Test func receiverReportsOneDigitDespiteRetransmittedEnds() {
        var receiver = TelephoneEventReceiver()
        var sender = TelephoneEventSender(digit: .pound, startTimestamp: 1234)
        var digits: [DTMFDigit] = []
        while !sender.isFinished {
            guard let packet = sender.next() else { continue }
            if let digit = receiver.receive(packet.event, timestamp: packet.timestamp, ssrc: 1, marker: packet.marker) { digits.append(digit) }
        }
        #expect(digits == [.pound])
    }

    @Test func samePressTwiceIsTwoDigitsAndOnlyEndPacketsStillReport() {
        var receiver = TelephoneEventReceiver()
        let press = TelephoneEvent(digit: .one, isEnd: true, duration: 800)
        var digits: [DTMFDigit?] = []
        for _ in 0..<3 { digits.append(receiver.receive(press, timestamp: 1000, ssrc: 9, marker: false)) }
        for _ in 0..<3 { digits.append(receiver.receive(press, timestamp: 3000, ssrc: 9, marker: false)) }
        #expect(digits.compactMap { $0 } == [.one, .one])
    }

    @Test func aLongEventContinuationSegmentIsNotASecondPress() {
        var receiver = TelephoneEventReceiver()
        let first = receiver.receive(TelephoneEvent(digit: .seven, duration: 0xFFFF), timestamp: 0, ssrc: 1, marker: true)
        let continuation = receiver.receive(TelephoneEvent(digit: .seven, duration: 800), timestamp: 0xFFFF, ssrc: 1, marker: false)
        #expect(first == .seven)
        #expect(continuation == nil)
    }

    @Test func aStaleEventArrivingLateIsIgnored() {
        var receiver = TelephoneEventReceiver()
        #expect(receiver.receive(TelephoneEvent(digit: .two, isEnd: true, duration: 800), timestamp: 5000, ssrc: 1, marker: true) == .two)
        #expect(receiver.receive(TelephoneEvent(digit: .three, isEnd: true, duration: 800), timestamp: 4000, ssrc: 1, marker: true) == nil)
    }
}
