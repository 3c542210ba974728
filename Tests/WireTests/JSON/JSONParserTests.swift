import SwitchboardTesting
import Testing
import Wire

/// `JSONParser` is not incremental (callers hand it whole messages), so these are whole-document spec
/// cases plus bounded random input.
@Suite("JSON parser")
struct JSONParserTests {
    let parser = JSONParser()

    @Test func parsesEveryKindOfValueKeepingMemberOrder() throws {
        let value = try parser.parse(#" {"a":[1,-2.5e2,true,false,null],"b":{"c":"d"},"e":""} "#)
        #expect(value == .object([
            ("a", .array([.number(1), .number(-250), .bool(true), .bool(false), .null])),
            ("b", .object([("c", .string("d"))])), ("e", .string("")),
        ]))
        #expect(value.objectMembers?.map(\.0) == ["a", "b", "e"])
    }

    @Test func readsProviderMessageFields() throws {
        let value = try parser.parse(#"{"type":"chunk","data":"AAE=","done":false,"status_code":206,"x":[1,-2.5e1,null]}"#)
        #expect(value["type"]?.stringValue == "chunk")
        #expect(value["done"]?.boolValue == false)
        #expect(value["status_code"]?.intValue == 206)
        #expect(value["x"]?.arrayValue?.count == 3)
        #expect(value["x"]?.arrayValue?.last?.isNull == true)
        #expect(value["missing"] == nil)
    }

    @Test func aRepeatedMemberReadsAsTheLastOne() throws {
        #expect(try parser.parse(#"{"a":1,"a":2}"#)["a"] == .number(2))
    }

    @Test func resolvesEscapesAndSurrogatePairs() throws {
        #expect(try parser.parse(#""a\"b\\c\/d\n\t\b\f\r\u00e9\u00E9\ud83d\ude00""#) == .string("a\"b\\c/d\n\t\u{8}\u{c}\ré\u{e9}😀"))
    }

    @Test(arguments: ["0", "-0", "12", "1.5", "-2.5e2", "1E+3", "1e-3", "123456789012345678901234567890"])
    func acceptsRFCNumbers(_ text: String) throws {
        #expect(try parser.parse(text) == .number(Double(text)!))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\"}", "01", "1.", "-", "+1", ".5", "1e", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
        "\"\\x\"", "\"\\u12\"", "tru", "nul", "{} {}", "\"\u{01}\"", "1e999", "[1 2]", "{\"a\":1,}", "NaN", "[1]x",
    ])
    func refusesInvalidDocuments(_ text: String) {
        #expect(throws: JSONParseError.self) { try parser.parse(text) }
    }

    @Test func reportsTheByteOffsetWhereTheDocumentBreaks() {
        for (text, offset) in [(#"{"a":}"#, 5), (#"{"a":1"#, 6), ("[1,2", 4), (#""\x""#, 2), ("{} x", 3), ("01", 1),
                               (#"["é\#u{01}"]"#, 4)] {
            do {
                _ = try parser.parse(text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.offset == offset, "\(text): \(error)")
            }
        }
    }

    @Test func limitsBytesDepthStringsAndElements() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParseError.self) { try JSONParser(maxDepth: 99).parse(deep) }
        #expect(try JSONParser(maxDepth: 100).parse(deep) != .null)
        #expect(throws: JSONParseError.self) { try JSONParser(maxBytes: 4).parse("[1,2,3]") }
        #expect(throws: JSONParseError.self) { try JSONParser(maxStringBytes: 3).parse(#""abcd""#) }
        #expect(try JSONParser(maxStringBytes: 3).parse(#""abc""#) == .string("abc"))
        #expect(throws: JSONParseError.self) { try JSONParser(maxElements: 3).parse("[1,2,3]") }
        #expect(try JSONParser(maxElements: 4).parse("[1,2,3]").arrayValue?.count == 3)
    }

    @Test func defaultDepthLimitStopsDeepNestingWithoutTrapping() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: JSONParseError.self) { try parser.parse(deep) }
    }

    @Test func invalidUTF8InAStringIsRefusedAtItsOffset() {
        do {
            _ = try parser.parse([0x22, 0x61, 0xC3, 0x28, 0x22])
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 1)
        }
    }

    @Test func randomBytesNeverTrapAndWhatParsesReencodesToTheSameValue() throws {
        var random = SeededRandom(seed: 42)
        let mutator = ByteMutator(dictionary: [Array("\\u".utf8), Array("[[[[".utf8), Array("\"".utf8), Array("-0.e".utf8)])
        let seeds = [#"{"a":[1,2.5,{"b":"c\u0041"}],"d":null}"#, #"{"audio":null,"isFinal":true}"#,
                     #"[1,2.5e3,"\ud83d\ude00",{"a":[]}]"#].map { Array($0.utf8) }
        for round in 0..<3000 {
            let input = round % 4 == 0 ? random.bytes(Int.random(in: 0..<64, using: &random))
                                       : mutator.mutate(seeds[round % seeds.count], using: &random)
            if let value = try? parser.parse(input) {
                #expect(try parser.parse(value.encoded()) == value)
            }
        }
    }
}
