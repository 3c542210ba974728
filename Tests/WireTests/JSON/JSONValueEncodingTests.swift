import Testing
import Wire

@Suite struct JSONValueEncodingTests {
    @Test func encodesAndReadsBackTheSameValue() throws {
        let value = JSONValue.object([("text", .string("quote \" backslash \\ tab \t ctl \u{01} é")), ("n", .number(8000)),
                                      ("f", .number(0.5)), ("list", .array([.bool(true), .null]))])
        let text = value.encoded()
        #expect(text.hasPrefix(#"{"text":"#))
        #expect(text.contains(#""n":8000,"f":0.5,"list":[true,null]"#))
        #expect(try JSONParser().parse(text) == value)
    }

    @Test func nonFiniteNumbersEncodeAsNullInValuesAndZeroInWriters() {
        #expect(JSONValue.array([.number(.nan), .number(.infinity)]).encoded() == "[null,null]")
        #expect(JSONWriter.number(.nan) == "0")
        #expect(JSONWriter.number(2) == "2")
        #expect(JSONWriter.number(-0.25) == "-0.25")
    }

    @Test func quotedEscapesQuotesBackslashesAndControls() {
        #expect(JSONWriter.quoted("a\"b\\c\nd\u{1}é") == #""a\"b\\c\nd\u0001é""#)
    }

    @Test func objectWriterKeepsOrderAndSplicesRawFragments() {
        let text = JSONObjectWriter.object { out in
            out.string("s", "x")
            out.int("i", 3)
            out.double("d", 0.5)
            out.bool("b", true)
            out.null("z")
            out.array("a", ["1", "\"2\""])
            out.object("o") { $0.raw("schema", #"{"type":"object"}"#) }
        }
        #expect(text == #"{"s":"x","i":3,"d":0.5,"b":true,"z":null,"a":[1,"2"],"o":{"schema":{"type":"object"}}}"#)
    }

    @Test func fragmentChecksAcceptOnlyObjects() {
        #expect(JSONWriter.isObject(#"{"a":1}"#))
        #expect(!JSONWriter.isObject("[1]"))
        #expect(JSONWriter.objectOrEmpty("{\"a\":") == "{}")
        #expect(JSONWriter.stringMap(["b": "2", "a": "1"]) == #"{"a":"1","b":"2"}"#)
    }
}
