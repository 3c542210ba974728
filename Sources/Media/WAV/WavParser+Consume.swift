extension WavParser {
    /// The state machine: takes what the current state needs from `input`, advances, repeats.
    mutating func consume(_ input: UnsafeBufferPointer<UInt8>, into samples: inout [Int16]) throws(WavError) {
        var index = 0
        while index < input.count {
            switch state {
            case .failed(let error):
                throw error
            case .riffHeader:
                guard gather(Self.riffHeaderBytes, from: input, at: &index) else { return }
                try readRIFFHeader()
            case .chunkHeader:
                guard gather(Self.chunkHeaderBytes, from: input, at: &index) else { return }
                try readChunkHeader()
            case .formatBody(let size):
                guard gather(size, from: input, at: &index) else { return }
                try readFormat(size: size)
            case .skipping(let remaining):
                let step = min(remaining, input.count - index)
                index += step
                offset += step
                state = remaining == step ? .chunkHeader : .skipping(remaining: remaining - step)
            case .data(let remaining):
                let step = min(remaining ?? .max, input.count - index)
                try readSamples(UnsafeBufferPointer(rebasing: input[index..<(index + step)]), into: &samples)
                index += step
                offset += step
                if let remaining {
                    let left = remaining - step
                    if left > 0 {
                        state = .data(remaining: left)
                    } else {
                        pending.removeAll(keepingCapacity: true)  // a partial sample frame at the end is dropped
                        state = dataPadByte ? .skipping(remaining: 1) : .chunkHeader
                    }
                }
            }
        }
    }

    /// Moves bytes into `pending` until it holds `count`; true when it does.
    mutating func gather(_ count: Int, from input: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Bool {
        let step = min(count - pending.count, input.count - index)
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<(index + step)]))
        index += step
        offset += step
        return pending.count == count
    }

    mutating func readRIFFHeader() throws(WavError) {
        let start = offset - Self.riffHeaderBytes
        guard pending.starts(with: Array("RIFF".utf8)) else { throw fail(.notRIFF, at: start) }
        guard pending[8..<12].elementsEqual("WAVE".utf8) else { throw fail(.notWAVE, at: start + 8) }
        pending.removeAll(keepingCapacity: true)
        state = .chunkHeader
    }

    mutating func readChunkHeader() throws(WavError) {
        let start = offset - Self.chunkHeaderBytes
        let id = String(decoding: pending[0..<4].map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        let size = Int(littleEndian32(pending, at: 4))
        pending.removeAll(keepingCapacity: true)
        chunkCount += 1
        guard chunkCount <= limits.maximumChunkCount else { throw fail(.tooManyChunks, at: start) }
        let padded = size + (size & 1)  // RIFF: chunks are word-aligned; an odd size is followed by a pad byte
        switch id {
        case "fmt ":
            guard format == nil else { throw fail(.duplicateChunk(id), at: start) }
            guard size >= 16 else { throw fail(.invalidFormat("fmt chunk of \(size) bytes"), at: start + 4) }
            guard padded <= limits.maximumFormatChunkBytes else { throw fail(.chunkTooLarge(id: id, size: size), at: start + 4) }
            state = .formatBody(size: padded)
        case "data":
            guard format != nil else { throw fail(.missingFormatChunk, at: start) }
            guard !sawData else { throw fail(.duplicateChunk(id), at: start) }
            sawData = true
            if UInt32(size) == WavWriter.unknownLength {
                state = .data(remaining: nil)
            } else {
                guard size <= limits.maximumDataBytes else { throw fail(.dataTooLarge, at: start + 4) }
                state = size > 0 ? .data(remaining: size) : .chunkHeader
                dataPadByte = size & 1 == 1
            }
        default:
            guard padded <= limits.maximumSkippedChunkBytes else { throw fail(.chunkTooLarge(id: id, size: size), at: start + 4) }
            state = padded > 0 ? .skipping(remaining: padded) : .chunkHeader
        }
    }

    mutating func readFormat(size: Int) throws(WavError) {
        let start = offset - size
        var tag = littleEndian16(pending, at: 0)
        let channels = Int(littleEndian16(pending, at: 2))
        let rate = Int(littleEndian32(pending, at: 4))
        let blockAlign = Int(littleEndian16(pending, at: 12))
        let bits = Int(littleEndian16(pending, at: 14))
        if tag == Self.formatTagExtensible {
            guard size >= Self.extensibleSubformatOffset + 2 else {
                throw fail(.invalidFormat("extensible fmt chunk of \(size) bytes"), at: start)
            }
            tag = littleEndian16(pending, at: Self.extensibleSubformatOffset)
        }
        pending.removeAll(keepingCapacity: true)
        guard tag == WavWriter.formatTagPCM else { throw fail(.unsupportedEncoding(formatTag: tag), at: start) }
        guard bits == WavFormat.bitsPerSample else { throw fail(.unsupportedBitsPerSample(bits), at: start + 14) }
        guard WavFormat.supportedChannelCounts.contains(channels) else { throw fail(.unsupportedChannelCount(channels), at: start + 2) }
        guard WavFormat.plausibleSampleRates.contains(rate) else { throw fail(.invalidFormat("sample rate \(rate)"), at: start + 4) }
        let parsed = WavFormat(sampleRate: rate, channelCount: channels)
        guard blockAlign == parsed.blockAlign else { throw fail(.invalidFormat("block align \(blockAlign)"), at: start + 12) }
        format = parsed
        state = .chunkHeader
    }

    /// Appends the whole sample frames in `bytes` (plus any partial frame left from the last call).
    mutating func readSamples(_ bytes: UnsafeBufferPointer<UInt8>, into samples: inout [Int16]) throws(WavError) {
        guard dataBytesRead + bytes.count <= limits.maximumDataBytes else { throw fail(.dataTooLarge, at: offset) }
        dataBytesRead += bytes.count
        let blockAlign = format?.blockAlign ?? 2
        var index = 0
        if !pending.isEmpty {  // finish the sample frame split across calls
            let step = min(blockAlign - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<step]))
            index = step
            guard pending.count == blockAlign else { return }
            for pair in stride(from: 0, to: blockAlign, by: 2) {
                samples.append(Int16(bitPattern: UInt16(pending[pair]) | UInt16(pending[pair + 1]) << 8))
            }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (bytes.count - index) / blockAlign * blockAlign
        samples.reserveCapacity(samples.count + whole / 2)
        var position = index
        while position < index + whole {
            samples.append(Int16(bitPattern: UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8))
            position += 2
        }
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position...]))
    }

    func littleEndian16(_ bytes: [UInt8], at index: Int) -> UInt16 {
        UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
    }

    func littleEndian32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }
}
