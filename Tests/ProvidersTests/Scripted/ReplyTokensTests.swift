import Wire
import Testing
@testable import Providers

@Suite struct ReplyTokensTests {
    @Test func tokensAreWordsWithTheSpaceBeforeThemAndJoinBackExactly() {
        let text = "Hello!  I can help,\nwith  hours. "
        let tokens = ReplyTokens.split(text)
        #expect(tokens == ["Hello!", "  I", " can", " help,", "\nwith", "  hours.", " "])
        #expect(tokens.joined() == text)
        #expect(ReplyTokens.split("") == [])
    }

    @Test func jsonStringsEscapeQuotesBackslashesAndControls() {
        #expect(JSONWriter.quoted("a\"b\\c\nd\u{1}é") == #""a\"b\\c\nd\u0001é""#)
    }
}
