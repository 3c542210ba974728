import Media
import SwitchboardTesting
import Testing

@Suite struct RTPPacketTests {
    let parser = RTPPacketParser()

    @Test func plainPacketRoundTripsWithPayloadInPlace() throws {
        let header = RTPHeader(marker: true, payloadType: 0, sequenceNumber: 0xFFFE, timestamp: 0xDEAD_BEEF, ssrc: 0x1234_5678)
        let payload = (0..<160).map { UInt8($0 & 0xFF) }
        let bytes = header.serialized(payload: payload)
        #expect(bytes.count == 172)
        #expect(Array(bytes.prefix(2)) == [0x80, 0x80])
        let packet = try parser.parse(bytes)
        #expect(packet.header == header)
        #expect(Array(bytes[packet.payloadRange]) == payload)
        #expect(packet.paddingCount == 0)
    }

    @Test func csrcsExtensionAndPaddingRoundTrip() throws {
        let header = RTPHeader(payloadType: 101, sequenceNumber: 7, timestamp: 160, ssrc: 9, csrcs: [1, 2, 3],
                               headerExtension: RTPHeaderExtension(profile: 0xBEDE, data: [1, 2, 3, 4, 5, 6, 7, 8]))
        var bytes = [UInt8](repeating: 0, count: header.byteCount)
        bytes.withUnsafeMutableBytes { _ = header.write(into: $0, padded: true) }
        bytes += [0xAA, 0xBB, 0, 0, 3]  // payload AA BB, three padding bytes
        let packet = try parser.parse(bytes)
        #expect(packet.header == header)
        #expect(packet.paddingCount == 3)
        #expect(Array(bytes[packet.payloadRange]) == [0xAA, 0xBB])
        #expect(header.byteCount == 12 + 12 + 4 + 8)
    }

    @Test func rejectsWrongVersionWithOffset() {
        var bytes = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 1, ssrc: 1).serialized(payload: [1, 2])
        bytes[0] = 0x40
        #expect(throws: RTPPacketError(.unsupportedVersion(1), at: 0)) { try parser.parse(bytes) }
    }

    @Test func everyTruncationOfAPacketWithCSRCsAndExtensionIsRejectedOrShorter() throws {
        let header = RTPHeader(payloadType: 8, sequenceNumber: 1, timestamp: 2, ssrc: 3, csrcs: [4, 5],
                               headerExtension: RTPHeaderExtension(profile: 1, data: [0, 0, 0, 1]))
        let bytes = header.serialized(payload: [9, 9, 9])
        for length in 0..<header.byteCount {
            #expect(throws: RTPPacketError.self) { try parser.parse(Array(bytes.prefix(length))) }
        }
        for length in header.byteCount...bytes.count {
            let packet = try parser.parse(Array(bytes.prefix(length)))
            #expect(packet.payloadRange == header.byteCount..<length)
        }
    }

    @Test func paddingLargerThanThePacketIsRejected() {
        var bytes = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 1, ssrc: 1).serialized(payload: [1, 2, 200])
        bytes[0] |= 0x20
        #expect(throws: RTPPacketError(.badPadding(count: 200), at: 14)) { try parser.parse(bytes) }
        bytes[14] = 0
        #expect(throws: RTPPacketError(.badPadding(count: 0), at: 14)) { try parser.parse(bytes) }
    }

    @Test func oversizedDatagramIsRejected() {
        let small = RTPPacketParser(maximumBytes: 100)
        let bytes = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 1, ssrc: 1).serialized(payload: [UInt8](repeating: 0, count: 100))
        #expect(throws: RTPPacketError(.tooLarge(limit: 100), at: 100)) { try small.parse(bytes) }
    }

    /// Random and mutated datagrams never trap; whatever parses has ranges inside the datagram.
    @Test func randomAndMutatedInputNeverTraps() {
        var rng = SeededRandom(seed: 0x5EED_0001)
        let valid = RTPHeader(marker: true, payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3, csrcs: [7],
                              headerExtension: RTPHeaderExtension(profile: 1, data: [1, 2, 3, 4])).serialized(payload: [1, 2, 3, 4])
        let mutator = ByteMutator(maxMutations: 6)
        var parsed = 0
        for round in 0..<20_000 {
            let bytes: [UInt8] = round % 2 == 0
                ? (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                : mutator.mutate(valid, using: &rng)
            if let packet = try? parser.parse(bytes) {
                parsed += 1
                #expect(packet.payloadRange.lowerBound >= RTPHeader.fixedByteCount)
                #expect(packet.payloadRange.upperBound + packet.paddingCount == bytes.count)
            }
        }
        #expect(parsed > 0)
    }
}
