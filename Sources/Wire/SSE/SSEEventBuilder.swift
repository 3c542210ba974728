/// The per-stream state of WHATWG "interpret an event stream" (HTML §9.2.6): the data, event type
/// and last-event-ID buffers, filled line by line and emptied by a blank line.
struct SSEEventBuilder {
    private var data: [UInt8] = []
    private var eventType = ""
    private var lastEventIDBuffer = ""
    private(set) var lastEventID = ""
    private(set) var retryMilliseconds: Int?
    /// Bytes of the non-comment lines of the event being read.
    private(set) var eventBytes = 0

    var bufferedByteCount: Int { data.count }

    /// Applies one complete, non-blank line (without its terminator).
    mutating func apply(line: UnsafeBufferPointer<UInt8>) {
        if line[0] == ASCII.colon { return }  // a comment
        eventBytes += line.count
        var colon = 0
        while colon < line.count, line[colon] != ASCII.colon { colon += 1 }
        var valueStart = min(colon + 1, line.count)
        if valueStart < line.count, line[valueStart] == ASCII.space { valueStart += 1 }
        let value = UnsafeBufferPointer(rebasing: line[valueStart...])
        switch Field(UnsafeBufferPointer(rebasing: line[0..<colon])) {
        case .event: eventType = String(decoding: value, as: UTF8.self)
        case .data: data.append(contentsOf: value); data.append(ASCII.lf)
        case .id: if !value.contains(ASCII.nul) { lastEventIDBuffer = String(decoding: value, as: UTF8.self) }
        case .retry: if let milliseconds = Self.decimal(value) { retryMilliseconds = milliseconds }
        case nil: break  // unknown fields are ignored
        }
    }

    /// A blank line: sets the last event ID and returns the event, if any data was collected.
    mutating func dispatch() -> SSEEvent? {
        lastEventID = lastEventIDBuffer
        eventBytes = 0
        defer {
            data.removeAll(keepingCapacity: data.capacity <= ByteQueue.retainedCapacity)
            eventType = ""
        }
        guard !data.isEmpty else { return nil }
        data.removeLast()  // the LF after the last data line
        return SSEEvent(type: eventType.isEmpty ? "message" : eventType,
                        data: String(decoding: data, as: UTF8.self), id: lastEventID)
    }

    /// The value as a decimal number, nil unless it is only ASCII digits and fits in an Int.
    private static func decimal(_ value: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !value.isEmpty else { return nil }
        var result = 0
        for byte in value {
            guard ASCII.isDigit(byte) else { return nil }
            let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - ASCII.zero))
            guard !overflow1, !overflow2 else { return nil }
            result = sum
        }
        return result
    }

    private enum Field {
        case event, data, id, retry

        init?(_ name: UnsafeBufferPointer<UInt8>) {
            if name.elementsEqual("data".utf8) { self = .data }
            else if name.elementsEqual("event".utf8) { self = .event }
            else if name.elementsEqual("id".utf8) { self = .id }
            else if name.elementsEqual("retry".utf8) { self = .retry }
            else { return nil }
        }
    }
}
