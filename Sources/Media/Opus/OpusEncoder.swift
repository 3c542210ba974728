import COpus

extension Opus {
    /// Encodes one mono voice stream into Opus packets (`OPUS_APPLICATION_VOIP`, signal type voice).
    /// Owns its libopus encoder state; not thread-safe.
    public final class Encoder {
        /// Encoder settings.
        public struct Configuration: Sendable, Equatable {
            /// Target bitrate in bits per second; nil lets libopus choose (`OPUS_AUTO`).
            public var bitsPerSecond: Int?
            /// 0 (cheapest) ... 10 (best); libopus's default is 10, 5 is a common choice for many calls.
            public var complexity: Int
            /// Carry a low-bitrate copy of each frame in the next packet (RFC 6716 §2.1.7, SILK only).
            public var inbandFEC: Bool
            /// Expected loss, 0...100: raises FEC redundancy when `inbandFEC` is on.
            public var expectedPacketLossPercent: Int
            /// Discontinuous transmission: tiny packets during silence.
            public var discontinuousTransmission: Bool

            public init(bitsPerSecond: Int? = nil, complexity: Int = 5, inbandFEC: Bool = false,
                        expectedPacketLossPercent: Int = 0, discontinuousTransmission: Bool = false) {
                self.bitsPerSecond = bitsPerSecond
                self.complexity = complexity
                self.inbandFEC = inbandFEC
                self.expectedPacketLossPercent = expectedPacketLossPercent
                self.discontinuousTransmission = discontinuousTransmission
            }
        }

        /// Input rate.
        public let sampleRate: SampleRate
        private let state: OpaquePointer

        /// Creates an encoder for mono input at `sampleRate`.
        public init(sampleRate: SampleRate, configuration: Configuration = .init()) throws(MediaError) {
            self.sampleRate = sampleRate
            var error: Int32 = 0
            guard let created = opus_encoder_create(opus_int32(sampleRate.hertz), 1, OPUS_APPLICATION_VOIP, &error),
                  error == OPUS_OK else {
                throw MediaError.library("opus_encoder_create \(sampleRate.hertz) Hz: \(Opus.describe(error))", code: Int(error))
            }
            state = created
            do {
                _ = try Opus.check(switchboard_opus_set_signal_voice(state), "OPUS_SET_SIGNAL")
                _ = try Opus.check(switchboard_opus_set_bitrate(state, opus_int32(configuration.bitsPerSecond ?? Int(OPUS_AUTO))),
                                   "OPUS_SET_BITRATE")
                _ = try Opus.check(switchboard_opus_set_complexity(state, opus_int32(configuration.complexity)), "OPUS_SET_COMPLEXITY")
                _ = try Opus.check(switchboard_opus_set_inband_fec(state, configuration.inbandFEC ? 1 : 0), "OPUS_SET_INBAND_FEC")
                _ = try Opus.check(switchboard_opus_set_packet_loss_perc(state, opus_int32(configuration.expectedPacketLossPercent)),
                                   "OPUS_SET_PACKET_LOSS_PERC")
                _ = try Opus.check(switchboard_opus_set_dtx(state, configuration.discontinuousTransmission ? 1 : 0), "OPUS_SET_DTX")
            } catch {
                opus_encoder_destroy(state)
                throw error
            }
        }

        deinit { opus_encoder_destroy(state) }

        /// Encoder look-ahead in samples at `sampleRate`: decoded audio lags the input by this much.
        public var lookahead: Int { Int(switchboard_opus_get_lookahead(state)) }

        /// Encodes `pcm` (2.5, 5, 10, 20, 40 or 60 ms) into `packet`; returns the packet length.
        public func encode(_ pcm: UnsafeBufferPointer<Int16>, into packet: UnsafeMutableBufferPointer<UInt8>) throws(MediaError) -> Int {
            guard let input = pcm.baseAddress, let output = packet.baseAddress else {
                throw MediaError.unsupported("empty Opus encode buffer")
            }
            let length = opus_encode(state, input, Int32(pcm.count), output, opus_int32(packet.count))
            return try Opus.check(length, "opus_encode")
        }

        /// Encodes one frame; `packet` is resized to the packet length, keeping its capacity.
        /// - Precondition: `frame.sampleRate == sampleRate`.
        public func encode(_ frame: AudioFrame, into packet: inout [UInt8]) throws(MediaError) {
            precondition(frame.sampleRate == sampleRate, "Opus encoder at \(sampleRate.hertz) Hz got a \(frame.sampleRate.hertz) Hz frame")
            packet.resizeKeepingCapacity(to: Opus.maximumPacketBytes)
            let length = try frame.samples.withUnsafeBufferPointer { (pcm) throws(MediaError) -> Int in
                try packet.withUnsafeMutableBufferPointer { (out) throws(MediaError) -> Int in try encode(pcm, into: out) }
            }
            packet.resizeKeepingCapacity(to: length)
        }

        /// Forgets the stream's history, as if newly created.
        public func reset() { _ = switchboard_opus_encoder_reset(state) }
    }
}
