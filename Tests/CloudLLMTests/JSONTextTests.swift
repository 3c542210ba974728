import Wire
import Foundation
import Providers
import Testing

@Suite struct JSONTextTests {
    @Test func quotedStringsRoundTripThroughAJSONParser() throws {
        let nasty = "quote \" backslash \\ newline \n tab \t bell \u{7} nul \u{0} emoji 📞 é"
        let text = JSONObjectWriter.object { $0.string("v", nasty) }
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["v"] as? String == nasty)
    }

    @Test func numbersAndRawFragmentsAreWrittenAsJSON() throws {
        let text = JSONObjectWriter.object { out in
            out.double("t", 0.5)
            out.double("whole", 2)
            out.double("nan", .nan)
            out.raw("schema", #"{"type":"object"}"#)
        }
        #expect(text == #"{"t":0.5,"whole":2,"nan":0,"schema":{"type":"object"}}"#)
        #expect(JSONWriter.isObject(#"{"a":1}"#))
        #expect(!JSONWriter.isObject("[1]"))
        #expect(JSONWriter.objectOrEmpty("{\"a\":") == "{}")
    }
}
