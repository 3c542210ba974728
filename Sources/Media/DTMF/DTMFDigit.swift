/// One key of the 4×4 DTMF keypad: its character, its RFC 4733 event code and its two tones
/// (ITU-T Q.23: a low-group row tone plus a high-group column tone).
public enum DTMFDigit: Int, CaseIterable, Sendable, CustomStringConvertible {
    // Raw values are the RFC 4733 §3.2 event codes.
    case zero = 0, one, two, three, four, five, six, seven, eight, nine
    case star = 10, pound = 11
    case a = 12, b, c, d

    /// Q.23 low-group (row) frequencies, Hz.
    public static let rowFrequencies: [Double] = [697, 770, 852, 941]
    /// Q.23 high-group (column) frequencies, Hz.
    public static let columnFrequencies: [Double] = [1209, 1336, 1477, 1633]
    /// The keypad, row by row: `keypad[row][column]`.
    static let keypad: [[DTMFDigit]] = [
        [.one, .two, .three, .a],
        [.four, .five, .six, .b],
        [.seven, .eight, .nine, .c],
        [.star, .zero, .pound, .d],
    ]

    /// The digit of an RFC 4733 event code (0...15); nil for other events (16 is hook flash).
    public init?(eventCode: UInt8) {
        self.init(rawValue: Int(eventCode))
    }

    /// The digit written as `character` ("0"..."9", "*", "#", "A"..."D", lower case accepted).
    public init?(_ character: Character) {
        let characters: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D"]
        guard let index = characters.firstIndex(of: Character(character.uppercased())) else { return nil }
        self.init(rawValue: index)
    }

    /// The digits of `text`, or nil if any character is not a DTMF key.
    public static func digits(_ text: String) -> [DTMFDigit]? {
        var digits: [DTMFDigit] = []
        for character in text {
            guard let digit = DTMFDigit(character) else { return nil }
            digits.append(digit)
        }
        return digits
    }

    /// RFC 4733 event code.
    public var eventCode: UInt8 { UInt8(rawValue) }

    /// The key's character.
    public var character: Character {
        Array("0123456789*#ABCD")[rawValue]
    }

    public var description: String { String(character) }

    /// Keypad position (row 0...3, column 0...3).
    public var position: (row: Int, column: Int) {
        for (row, keys) in Self.keypad.enumerated() {
            if let column = keys.firstIndex(of: self) { return (row, column) }
        }
        preconditionFailure("every digit is on the keypad")
    }

    /// Low-group tone, Hz.
    public var rowFrequency: Double { Self.rowFrequencies[position.row] }
    /// High-group tone, Hz.
    public var columnFrequency: Double { Self.columnFrequencies[position.column] }
}
