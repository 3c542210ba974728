/// Everything an incremental parser produced for one input: its outputs in order and the error that
/// stopped it, if any. Equatable, so two chunkings of the same input can be compared.
public struct ParseTranscript<Output: Equatable, Failure: Error & Equatable>: Equatable, CustomStringConvertible {
    public var outputs: [Output]
    public var failure: Failure?

    public init(outputs: [Output] = [], failure: Failure? = nil) {
        self.outputs = outputs
        self.failure = failure
    }

    /// Feeds `chunks` to `parser` in order: `append` each one, then call `next` until it returns nil.
    /// After the last chunk `finish` (if given) signals the end of input and `next` is drained again.
    /// Recording stops at the first error.
    public static func record<Parser>(
        _ chunks: [ArraySlice<UInt8>], into parser: Parser,
        append: (inout Parser, ArraySlice<UInt8>) -> Void,
        next: (inout Parser) throws(Failure) -> Output?,
        finish: ((inout Parser) -> Void)? = nil
    ) -> ParseTranscript {
        var parser = parser
        var transcript = ParseTranscript()
        func drain() -> Bool {
            do throws(Failure) {
                while let output = try next(&parser) { transcript.outputs.append(output) }
                return true
            } catch {
                transcript.failure = error
                return false
            }
        }
        for chunk in chunks {
            append(&parser, chunk)
            guard drain() else { return transcript }
        }
        if let finish {
            finish(&parser)
            _ = drain()
        }
        return transcript
    }

    /// Merges neighbouring outputs that `merge` can combine (such as two body chunks), so outputs that
    /// legitimately depend on read sizes compare equal.
    public func coalescing(_ merge: (Output, Output) -> Output?) -> ParseTranscript {
        var merged: [Output] = []
        for output in outputs {
            if let last = merged.last, let combined = merge(last, output) {
                merged[merged.count - 1] = combined
            } else {
                merged.append(output)
            }
        }
        return ParseTranscript(outputs: merged, failure: failure)
    }

    public var description: String {
        "\(outputs.count) outputs \(outputs.prefix(4))" + (failure.map { ", failed: \($0)" } ?? "")
    }
}
