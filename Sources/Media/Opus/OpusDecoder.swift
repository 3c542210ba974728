import COpus

extension Opus {
    /// Decodes one Opus stream into mono Int16 at a chosen rate (any Opus stream decodes at any
    /// supported rate), with packet-loss concealment and in-band FEC recovery. Owns its libopus decoder
    /// state; not thread-safe. Packets are untrusted: malformed ones are reported as errors.
    public final class Decoder {
        /// Output rate.
        public let sampleRate: SampleRate
        private let state: OpaquePointer

        /// Creates a decoder producing mono samples at `sampleRate`.
        public init(sampleRate: SampleRate) throws(MediaError) {
            self.sampleRate = sampleRate
            var error: Int32 = 0
            guard let created = opus_decoder_create(opus_int32(sampleRate.hertz), 1, &error), error == OPUS_OK else {
                throw MediaError.library("opus_decoder_create \(sampleRate.hertz) Hz: \(Opus.describe(error))", code: Int(error))
            }
            state = created
        }

        deinit { opus_decoder_destroy(state) }

        /// Decodes `packet` into `pcm` and returns the samples written. A nil (or empty) packet asks for
        /// concealment of `pcm.count` lost samples; with `fromFEC`, `packet` is the packet *after* a
        /// lost one and the lost audio is rebuilt from its in-band FEC data (concealment if it has none).
        public func decode(_ packet: UnsafeBufferPointer<UInt8>?, into pcm: UnsafeMutableBufferPointer<Int16>,
                           fromFEC: Bool = false) throws(MediaError) -> Int {
            guard let output = pcm.baseAddress else { throw MediaError.unsupported("empty Opus decode buffer") }
            let data = packet?.isEmpty == false ? packet?.baseAddress : nil
            let length = data == nil ? 0 : opus_int32(packet?.count ?? 0)
            let written = opus_decode(state, data, length, output, Int32(pcm.count), fromFEC ? 1 : 0)
            return try Opus.check(written, "opus_decode")
        }

        /// Decodes a 20 ms packet into `frame`, reusing its storage; nil conceals one lost frame.
        /// Throws when the packet is malformed or does not hold exactly one frame's duration.
        public func decode<Packet: Collection<UInt8>>(_ packet: Packet?, into frame: inout AudioFrame) throws(MediaError) {
            try decodeFrame(packet, into: &frame, fromFEC: false)
        }

        /// Conceals one lost 20 ms frame (packet-loss concealment): same as `decode(nil, into:)`.
        public func concealLoss(into frame: inout AudioFrame) throws(MediaError) {
            try decodeFrame([UInt8]?.none, into: &frame, fromFEC: false)
        }

        /// Rebuilds the lost frame before `nextPacket` from the in-band FEC data it carries. Decode
        /// `nextPacket` itself afterwards as usual.
        public func recoverLoss<Packet: Collection<UInt8>>(usingNext nextPacket: Packet, into frame: inout AudioFrame) throws(MediaError) {
            try decodeFrame(nextPacket, into: &frame, fromFEC: true)
        }

        /// Forgets the stream's history, as if newly created.
        public func reset() { _ = switchboard_opus_decoder_reset(state) }

        private func decodeFrame<Packet: Collection<UInt8>>(_ packet: Packet?, into frame: inout AudioFrame,
                                                            fromFEC: Bool) throws(MediaError) {
            precondition(frame.sampleRate == sampleRate, "Opus decoder at \(sampleRate.hertz) Hz given a \(frame.sampleRate.hertz) Hz frame")
            func decodeInto(_ data: UnsafeBufferPointer<UInt8>?) -> Result<Int, MediaError> {
                frame.samples.withUnsafeMutableBufferPointer { pcm in
                    Result { () throws(MediaError) -> Int in try decode(data, into: pcm, fromFEC: fromFEC) }
                }
            }
            let result: Result<Int, MediaError>
            if let packet {
                result = packet.withContiguousStorageIfAvailable { decodeInto($0) }
                    ?? Array(packet).withUnsafeBufferPointer { decodeInto($0) }
            } else {
                result = decodeInto(nil)
            }
            let written = try result.get()
            guard written == frame.samples.count else {
                throw MediaError.unsupported("Opus packet of \(written) samples where a 20 ms frame has \(frame.samples.count)")
            }
        }
    }
}
