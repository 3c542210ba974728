@testable import Media

/// The two G.711 laws, so each property test runs against both.
enum LawUnderTest: String, CaseIterable, Sendable, CustomStringConvertible {
    case muLaw, aLaw

    var description: String { rawValue }

    func encode(_ sample: Int16) -> UInt8 {
        self == .muLaw ? MuLaw.encode(sample) : ALaw.encode(sample)
    }

    func decode(_ code: UInt8) -> Int16 {
        self == .muLaw ? MuLaw.decode(code) : ALaw.decode(code)
    }

    func referenceEncode(_ sample: Int16) -> UInt8 {
        self == .muLaw ? G711Reference.muLawEncode(sample) : G711Reference.aLawEncode(sample)
    }

    func referenceDecode(_ code: UInt8) -> Int {
        self == .muLaw ? G711Reference.muLawDecode(code) : G711Reference.aLawDecode(code)
    }

    func decodeBuffer(_ codes: [UInt8]) -> [Int16] {
        var out = [Int16](repeating: 0, count: codes.count)
        codes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer {
                self == .muLaw ? MuLaw.decode(input, into: $0) : ALaw.decode(input, into: $0)
            }
        }
        return out
    }

    func encodeBuffer(_ samples: [Int16]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer {
                self == .muLaw ? MuLaw.encode(input, into: $0) : ALaw.encode(input, into: $0)
            }
        }
        return out
    }

    /// The distinct reconstruction levels of the law, ascending.
    var levels: [Int] { Array(Set((0...255).map { Int(decode(UInt8($0))) })).sorted() }
}
