import Media
import SwitchboardTesting
import Testing

@Suite struct RTCPCompoundTests {
    static let block = RTCPReportBlock(ssrc: 0xAABB_CCDD, fractionLost: 25, cumulativeLost: -3, extendedHighestSequence: 0x1_0005,
                                       jitter: 42, lastSenderReport: 0x1234_5678, delaySinceLastSenderReport: 65_536)
    static let compound: [RTCPPacket] = [
        .senderReport(RTCPSenderReport(ssrc: 1, ntpTimestamp: 0xE000_0000_8000_0000, rtpTimestamp: 160, packetCount: 50,
                                       octetCount: 8000, reports: [block])),
        .sourceDescription([RTCPSourceDescriptionChunk(ssrc: 1, items: [.cname("switchboard@10.0.0.1")])]),
        .goodbye(RTCPGoodbye(ssrcs: [1], reason: Array("bye".utf8))),
    ]

    @Test func senderReportSDESAndByeRoundTrip() throws {
        let bytes = RTCPCompoundSerializer.serialize(Self.compound)
        #expect(bytes.count % 4 == 0)
        #expect(try RTCPCompoundParser().parse(bytes) == Self.compound)
    }

    @Test func receiverReportWithTwoBlocksRoundTripsAndNegativeLossSignExtends() throws {
        var other = Self.block
        other.cumulativeLost = 0x7F_FFFF
        let packets: [RTCPPacket] = [.receiverReport(RTCPReceiverReport(ssrc: 9, reports: [Self.block, other]))]
        let parsed = try RTCPCompoundParser().parse(RTCPCompoundSerializer.serialize(packets))
        #expect(parsed == packets)
        guard case .receiverReport(let report) = parsed[0] else { Issue.record("not RR"); return }
        #expect(report.reports[0].cumulativeLost == -3)
    }

    @Test func compoundMustStartWithAReportUnlessRelaxed() throws {
        let bytes = RTCPCompoundSerializer.serialize([.goodbye(RTCPGoodbye(ssrcs: [5]))])
        #expect(throws: RTPPacketError(.badCompound, at: 1)) { try RTCPCompoundParser().parse(bytes) }
        #expect(try RTCPCompoundParser(requiresReportFirst: false).parse(bytes) == [.goodbye(RTCPGoodbye(ssrcs: [5]))])
    }

    @Test func lengthPastTheDatagramIsRejectedAtTheLengthField() {
        var bytes = RTCPCompoundSerializer.serialize(Self.compound)
        bytes[3] = 0xFF
        #expect(throws: RTPPacketError(.badLength, at: 2)) { try RTCPCompoundParser().parse(bytes) }
    }

    @Test func everyTruncationIsRejectedOrIsAWholePrefixOfPackets() {
        let bytes = RTCPCompoundSerializer.serialize(Self.compound)
        for length in 0..<bytes.count {
            if let packets = try? RTCPCompoundParser().parse(Array(bytes.prefix(length))) {
                #expect(Array(Self.compound.prefix(packets.count)) == packets)
            }
        }
    }

    @Test func randomAndMutatedInputNeverTraps() {
        var rng = SeededRandom(seed: 0x5EED_0002)
        let valid = RTCPCompoundSerializer.serialize(Self.compound)
        let mutator = ByteMutator(maxMutations: 6)
        let parser = RTCPCompoundParser(requiresReportFirst: false)
        var parsed = 0
        for round in 0..<20_000 {
            let bytes: [UInt8] = round % 2 == 0
                ? (0..<Int.random(in: 0...96, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                : mutator.mutate(valid, using: &rng)
            if (try? parser.parse(bytes)) != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }
}
