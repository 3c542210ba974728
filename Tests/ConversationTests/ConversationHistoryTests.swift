import Testing
import Speech
@testable import Conversation

@Suite struct ConversationHistoryTests {
    @Test func messagesStartWithTheSystemPromptAndFollowTheEntries() {
        var history = ConversationHistory(systemPrompt: "Be brief.")
        history.appendUser("Hi")
        history.appendAgent("Hello! How can", interrupted: true)
        history.appendUser("Opening hours?")
        let call = ToolCall(id: "c1", name: "hours", argumentsJSON: "{}")
        history.appendAgent("", interrupted: false, toolCalls: [call])
        history.appendToolResult(callID: "c1", content: "9-5")
        #expect(history.messages == [
            .system("Be brief."), .user("Hi"), .assistant("Hello! How can"), .user("Opening hours?"),
            .assistant("", toolCalls: [call]), .tool(callID: "c1", content: "9-5"),
        ])
    }

    @Test func consecutiveCallerWordsMergeIntoOneTurn() {
        var history = ConversationHistory(systemPrompt: "p")
        history.appendUser("Book a table")
        history.appendUser(" for two ")
        #expect(history.entries == [.user("Book a table for two")])
    }

    @Test func nothingHeardAddsNothing() {
        var history = ConversationHistory(systemPrompt: "p")
        history.appendAgent("", interrupted: true)
        history.appendUser("   ")
        #expect(history.entries.isEmpty)
    }

    @Test func revisingReplacesOnlyTheTrailingPartial() {
        var history = ConversationHistory(systemPrompt: "p")
        history.appendUser("I want book a table")
        let revised = history.reviseLastUser(replacingSuffix: "book a table", with: "to book a table for two")
        #expect(revised)
        #expect(history.entries == [.user("I want to book a table for two")])
        let unmatched = history.reviseLastUser(replacingSuffix: "missing", with: "x")
        #expect(!unmatched)
        history.appendAgent("Sure.", interrupted: false)
        let afterAgent = history.reviseLastUser(replacingSuffix: "for two", with: "for three")
        #expect(!afterAgent)
        #expect(history.entries.first == .user("I want to book a table for two"))
    }
}

@Suite struct HeardTextTests {
    @Test func keepsOnlyWholeWordsWithinThePlayedShare() {
        let text = "We open at nine."  // 16 characters
        #expect(HeardText.prefix(of: text, fraction: 0) == "")
        #expect(HeardText.prefix(of: text, fraction: 0.1) == "")        // 1.6 characters: not even "We"
        #expect(HeardText.prefix(of: text, fraction: 0.13) == "We")      // 2.08
        #expect(HeardText.prefix(of: text, fraction: 0.4) == "We")       // 6.4: "open" ends at 7
        #expect(HeardText.prefix(of: text, fraction: 0.44) == "We open")  // 7.04
        #expect(HeardText.prefix(of: text, fraction: 0.99) == "We open at")
        #expect(HeardText.prefix(of: text, fraction: 1) == text)
    }

    @Test func fractionIsClampedAndAudioLessTextIsNotHeard() {
        #expect(HeardText.fraction(played: ms(500), of: ms(1000)) == 0.5)
        #expect(HeardText.fraction(played: ms(1500), of: ms(1000)) == 1)
        #expect(HeardText.fraction(played: .zero, of: .zero) == 0)
    }
}

@Suite struct TurnTimelineTests {
    @Test func latencyNeedsBothEnds() {
        #expect(TurnTimeline(turn: 1, firstFrameSent: t(900)).voiceToVoice == nil)
        #expect(TurnTimeline(turn: 1, speechEnded: t(100)).orchestrationOverhead == nil)
    }

    @Test func sttWaitCountsOnlyWhenTheRequestWaitedForTheFinal() {
        // The final came before the speech end (the VAD was slower): no STT wait.
        let early = TurnTimeline(turn: 1, speechEnded: t(1000), sttFinal: t(900), llmRequested: t(1000),
                                 firstSentence: t(1400), ttsRequested: t(1400), firstAudio: t(1600),
                                 firstFrameSent: t(1610))
        #expect(early.voiceToVoice == ms(610))
        #expect(early.providerWait == ms(600))
        #expect(early.orchestrationOverhead == ms(10))
        // Committed on a partial at the endpoint timeout; the final came later: no STT wait either.
        let late = TurnTimeline(turn: 2, speechEnded: t(1000), sttFinal: t(2500), llmRequested: t(2000),
                                firstSentence: t(2300), ttsRequested: t(2300), firstAudio: t(2400),
                                firstFrameSent: t(2400))
        #expect(late.providerWait == ms(400))
        #expect(late.orchestrationOverhead == ms(1000))
    }
}
