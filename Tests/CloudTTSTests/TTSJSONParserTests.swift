import Providers
import SwitchboardTesting
import Testing

@Suite struct TTSJSONParserTests {
    let parser = TTSJSONParser()

    @Test func parsesNestedProviderMessage() throws {
        let value = try parser.parse(#"{"type":"chunk","data":"AAE=","done":false,"status_code":206,"x":[1,-2.5e1,null,"\u00e9\ud83d\ude00\n"]}"#)
        #expect(value["type"]?.stringValue == "chunk")
        #expect(value["done"]?.boolValue == false)
        #expect(value["status_code"]?.intValue == 206)
        #expect(value["x"] == .array([.number(1), .number(-25), .null, .string("é😀\n")]))
    }

    @Test func encodesAndReadsBackTheSameValue() throws {
        let value = TTSJSONValue.object([("text", .string("quote \" backslash \\ tab \t ctl \u{01} é")), ("n", .number(8000)),
                                          ("f", .number(0.5)), ("list", .array([.bool(true), .null]))])
        let text = value.encoded()
        #expect(text.contains(#""n":8000"#))
        #expect(try parser.parse(text) == value)
    }

    @Test func reportsWhereTheDocumentBreaks() {
        for (text, offset) in [(#"{"a":}"#, 5), (#"{"a":1"#, 6), ("[1,2", 4), (#""\x""#, 3), ("{} x", 3), ("01", 1)] {
            #expect(throws: TTSJSONError.self) { try parser.parse(text) }
            do { _ = try parser.parse(text) } catch { #expect(error.offset == offset, "\(text): \(error)") }
        }
    }

    @Test func refusesMessagesOverTheLimits() {
        #expect(throws: TTSJSONError.self) { try TTSJSONParser(maxBytes: 8).parse(#"{"a":"123456"}"#) }
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: TTSJSONError.self) { try TTSJSONParser(maxDepth: 32).parse(deep) }
        #expect(throws: TTSJSONError.self) { try parser.parse(bytes: [0x22, 0xFF, 0x22]) }  // invalid UTF-8
        #expect(throws: TTSJSONError.self) { try parser.parse(#""\ud800""#) }  // lone surrogate
    }

    /// Bounded random input: mutations of real messages and pure noise never trap, and whatever parses
    /// re-encodes to text that parses to the same value.
    @Test func survivesRandomInput() throws {
        var random = SeededRandom(seed: 0x5EED_77)
        let seeds = [#"{"type":"chunk","data":"AAE=","context_id":"c1"}"#, #"{"audio":null,"isFinal":true}"#,
                     #"{"error":{"message":"x","code":"insufficient_quota"}}"#, #"[1,2.5e3,"\ud83d\ude00",{"a":[]}]"#]
        for round in 0..<3000 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            if round % 5 == 0 {
                bytes = random.bytes(Int.random(in: 0...64, using: &random))
            } else {
                for _ in 0...Int.random(in: 0...3, using: &random) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            }
            if let value = try? parser.parse(bytes: bytes) {
                #expect(try parser.parse(value.encoded()) == value)
            }
        }
    }
}
