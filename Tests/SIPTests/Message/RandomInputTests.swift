import SIP
import SwitchboardTesting
import Testing

/// Bounded random-input tests: seeded mutations of real messages and plain random bytes never trap,
/// errors point inside the input, and whatever parses serializes to bytes that parse to the same value.
@Suite struct RandomInputTests {
    static let dictionary: [[UInt8]] = ["\r\n", "\r\n ", ";", ",", ":", "\"", "\\", "<", ">", "%", "%4", "[", "]", "@",
                                        "Via: ", "SIP/2.0/UDP ", ";branch=z9hG4bK", "Content-Length: ", "l: 99999",
                                        "CSeq: 4294967296 INVITE", "sip:", "sips:", "tel:", "[::1]", ":65536", "*",
                                        "Contact: *", "m: ", "\u{0}", "\t"].map { Array($0.utf8) }

    @Test func mutatedTortureMessagesNeverTrap() throws {
        let parser = SIPParser()
        let mutator = ByteMutator(dictionary: Self.dictionary, maxMutations: 6)
        var rng = SeededRandom(seed: 0x51F_4475)
        let seeds = Fixtures.allNames.map(Fixtures.bytes) + [SIPSampleMessages.invite]
        var parsed = 0
        for round in 0..<3000 {
            let input = mutator.mutate(seeds[round % seeds.count], using: &rng)
            do {
                let message = try parser.parse(datagram: input)
                parsed += 1
                let again = try parser.parse(SIPSerializer.serialize(message)[...], framing: .stream)
                #expect(again == message, "round \(round): serialization changed the message")
            } catch {
                #expect(error.offset >= 0 && error.offset <= input.count, "round \(round): \(error)")
            }
        }
        #expect(parsed > 100, "mutations should leave many messages valid (\(parsed))")
    }

    @Test func randomBytesNeverTrap() {
        let parser = SIPParser()
        var rng = SeededRandom(seed: 42)
        for _ in 0..<2000 {
            let input = rng.bytes(Int.random(in: 0...300, using: &rng))
            if let error = (Result { () throws(SIPParseError) in try parser.parse(datagram: input) }).failure {
                #expect(error.offset >= 0 && error.offset <= input.count)
            }
        }
    }

    @Test func mutatedURIsNeverTrap() {
        let seeds = ["sip:alice:pw@[2001:db8::1]:5060;transport=tcp;lr?subject=x%20y", "sips:+1555@gw.example.net;user=phone",
                     "tel:+1-201-555-0123;ext=1", "urn:service:sos", "sip:a%41b@192.0.2.1:65535;maddr=239.0.0.1"]
        let mutator = ByteMutator(dictionary: Self.dictionary, maxMutations: 4)
        var rng = SeededRandom(seed: 7)
        var parsed = 0
        for round in 0..<4000 {
            let input = mutator.mutate(Array(seeds[round % seeds.count].utf8), using: &rng)
            guard let uri = try? URI.parse(input[...]) else { continue }
            parsed += 1
            #expect((try? URI.parse(uri.serialized)) == uri, "\(String(decoding: input, as: UTF8.self))")
        }
        #expect(parsed > 200)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
