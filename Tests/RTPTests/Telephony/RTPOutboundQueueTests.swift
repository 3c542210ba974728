import Conversation
import Testing
@testable import Telephony

@Suite struct RTPOutboundQueueTests {
    @Test func framesLeaveInOrderAndAPartialLastFrameIsPaddedWithSilence() {
        var queue = RTPOutboundQueue(frameBytes: 4, silenceCode: 0xFF)
        queue.append(audio: [1, 2, 3])
        queue.append(audio: [4, 5, 6])
        var frame: [UInt8] = []
        let first = queue.takeFrame(into: &frame)
        #expect(first && frame == [1, 2, 3, 4])
        let second = queue.takeFrame(into: &frame)
        #expect(second && frame == [5, 6, 0xFF, 0xFF])
        let third = queue.takeFrame(into: &frame)
        #expect(!third)
    }

    @Test func marksAreDueOnlyAfterEveryByteBeforeThemLeft() {
        var queue = RTPOutboundQueue(frameBytes: 2, silenceCode: 0)
        queue.append(audio: [1, 2, 3])
        queue.append(mark: MarkID(1))
        queue.append(audio: [4])
        queue.append(mark: MarkID(2))
        var frame: [UInt8] = []
        var due: [MarkID?] = [queue.nextDueMark()]
        _ = queue.takeFrame(into: &frame)
        due.append(queue.nextDueMark())
        _ = queue.takeFrame(into: &frame)
        due += [queue.nextDueMark(), queue.nextDueMark(), queue.nextDueMark()]
        #expect(due == [nil, nil, MarkID(1), MarkID(2), nil])
    }

    @Test func clearDropsAudioAndMarksAndLaterMarksStillWork() {
        var queue = RTPOutboundQueue(frameBytes: 2, silenceCode: 0)
        queue.append(audio: [1, 2, 3, 4])
        queue.append(mark: MarkID(1))
        queue.clear()
        var frame: [UInt8] = []
        let took = queue.takeFrame(into: &frame)
        #expect(!took)
        let stale = queue.nextDueMark()
        #expect(stale == nil)
        queue.append(mark: MarkID(2))
        let fresh = queue.nextDueMark()
        #expect(fresh == MarkID(2))
    }
}
