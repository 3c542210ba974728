import Speech
import Testing
@testable import Providers

@Suite struct UtteranceTrackerTests {
    @Test func speechEdgesBecomeStartPartialsAndEnd() {
        var tracker = UtteranceTracker(partialInterval: 2)
        let steps = [false, true, true, true, true, true, false, false].map { tracker.frameProcessed(inSpeech: $0) }
        #expect(steps == [.nothing, .speechStarted, .nothing, .readPartial, .nothing, .readPartial, .endUtterance, .nothing])
    }

    @Test func partialIsReportedOnlyWhenItChanges() {
        var tracker = UtteranceTracker(partialInterval: 1)
        _ = tracker.frameProcessed(inSpeech: true)
        #expect(tracker.partial("book") == .partial("book"))
        #expect(tracker.partial("book") == nil)
        #expect(tracker.partial("") == nil)
        #expect(tracker.partial(nil) == nil)
        #expect(tracker.partial("book an") == .partial("book an"))
    }

    @Test func closingGivesTheFinalThenTheEnd() {
        var tracker = UtteranceTracker(partialInterval: 1)
        _ = tracker.frameProcessed(inSpeech: true)
        #expect(tracker.close(with: "goodbye") == [.final("goodbye", confidence: nil), .utteranceEnd])
        #expect(!tracker.speaking)
        _ = tracker.frameProcessed(inSpeech: true)
        #expect(tracker.close(with: nil) == [.utteranceEnd])
    }
}
