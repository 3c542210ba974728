import Providers
import SwitchboardTesting
import Testing

@Suite("Provider JSON parser")
struct ProviderJSONParserTests {
    let parser = ProviderJSONParser()

    @Test func parsesEveryKindOfValue() throws {
        let value = try parser.parse(#" {"a":[1,-2.5e2,true,false,null],"b":{"c":"d"},"e":""} "#)
        #expect(value == .object([
            "a": .array([.number(1), .number(-250), .bool(true), .bool(false), .null]),
            "b": .object(["c": .string("d")]), "e": .string(""),
        ]))
    }

    @Test func resolvesEscapesAndSurrogatePairs() throws {
        #expect(try parser.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\"}", "01", "1.", "-", "\"\\ud800\"", "\"\\x\"", "tru", "{} {}", "\"\u{01}\"", "1e999", "[1 2]",
    ])
    func refusesInvalidDocumentsWithAnOffset(_ text: String) {
        #expect(throws: ProviderJSONError.self) { try parser.parse(text) }
    }

    @Test func limitsDepthBytesAndStrings() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: ProviderJSONError.self) { try ProviderJSONParser(maxDepth: 10).parse(deep) }
        #expect(throws: ProviderJSONError.self) { try ProviderJSONParser(maxBytes: 4).parse("[1,2,3]") }
        #expect(throws: ProviderJSONError.self) { try ProviderJSONParser(maxStringBytes: 3).parse(#""abcdef""#) }
        #expect((try? ProviderJSONParser(maxDepth: 101).parse(deep)) != nil)
    }

    @Test func invalidUTF8InAStringIsRefused() {
        #expect(throws: ProviderJSONError.self) { try parser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func quotedTextRoundTrips() throws {
        let text = "say \"hi\"\n\\ \u{01} é"
        #expect(try parser.parse(ProviderJSONText.quoted(text)) == .string(text))
    }

    @Test func randomBytesNeverTrap() {
        var random = SeededRandom(seed: 42)
        let mutator = ByteMutator(dictionary: [Array("\\u".utf8), Array("[[[[".utf8), Array("\"".utf8), Array("-0.e".utf8)])
        let seed = Array(#"{"a":[1,2.5,{"b":"c\u0041"}],"d":null}"#.utf8)
        for _ in 0..<3000 {
            _ = try? parser.parse(mutator.mutate(seed, using: &random))
            _ = try? parser.parse(random.bytes(Int.random(in: 0..<64, using: &random)))
        }
    }
}
