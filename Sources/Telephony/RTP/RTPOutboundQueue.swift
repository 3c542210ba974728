import Conversation

/// The agent audio of one RTP stream waiting for the media clock, already in the wire codec, with the
/// marks placed between it. One frame leaves per tick (`takeFrame`); a mark becomes due once every byte
/// queued before it has left. Pure and allocation-free per frame (bytes are appended per chunk and
/// consumed by moving an index; storage is compacted when the consumed part dominates).
struct RTPOutboundQueue {
    let frameBytes: Int
    private(set) var silenceCode: UInt8
    private var bytes: [UInt8] = []
    private var head = 0
    /// Bytes ever consumed (marks are positioned on this absolute count).
    private var consumed = 0
    private var marks: [(position: Int, mark: MarkID)] = []
    private var markHead = 0

    init(frameBytes: Int, silenceCode: UInt8) {
        self.frameBytes = frameBytes
        self.silenceCode = silenceCode
        bytes.reserveCapacity(frameBytes * 50)
    }

    /// Queued audio bytes.
    var count: Int { bytes.count - head }
    var hasAudio: Bool { head < bytes.count }

    mutating func append(audio: some Collection<UInt8>) { bytes.append(contentsOf: audio) }

    mutating func append(mark: MarkID) { marks.append((consumed + count, mark)) }

    /// Copies the next frame into `frame` (resized to `frameBytes`, capacity kept); a partial last frame
    /// is padded with silence. False if no audio is queued.
    mutating func takeFrame(into frame: inout [UInt8]) -> Bool {
        guard hasAudio else { return false }
        let take = min(frameBytes, count)
        frame.removeAll(keepingCapacity: true)
        bytes.withUnsafeBufferPointer { frame.append(contentsOf: UnsafeBufferPointer(rebasing: $0[head..<(head + take)])) }
        for _ in take..<frameBytes { frame.append(silenceCode) }
        head += take
        consumed += take
        if head == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 4096, head * 2 > bytes.count {
            bytes.removeSubrange(0..<head)
            head = 0
        }
        return true
    }

    /// Fills `frame` with one frame of the codec's silence code (resized to `frameBytes`, capacity kept).
    func silenceFrame(into frame: inout [UInt8]) {
        frame.removeAll(keepingCapacity: true)
        for _ in 0..<frameBytes { frame.append(silenceCode) }
    }

    /// The next mark whose audio has all left, if any.
    mutating func nextDueMark() -> MarkID? {
        guard markHead < marks.count, marks[markHead].position <= consumed else { return nil }
        defer {
            markHead += 1
            if markHead == marks.count { marks.removeAll(keepingCapacity: true); markHead = 0 }
        }
        return marks[markHead].mark
    }

    /// Re-encodes the queued audio code by code (a codec change between the G.711 laws).
    mutating func transcode(_ map: (UInt8) -> UInt8, silenceCode: UInt8) {
        for index in head..<bytes.count { bytes[index] = map(bytes[index]) }
        self.silenceCode = silenceCode
    }

    /// Drops all audio and marks; with `reportingMarks`, the marks stay and become due at once (as if
    /// their audio had been sent).
    mutating func clear(reportingMarks: Bool = false) {
        consumed += count
        bytes.removeAll(keepingCapacity: true)
        head = 0
        guard !reportingMarks else { return }
        marks.removeAll(keepingCapacity: true)
        markHead = 0
    }
}
