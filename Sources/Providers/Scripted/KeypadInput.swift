/// Recognises keypad input in a caller message. The turn machine writes DTMF digits as a caller turn
/// of the form `"[keypad] 12"` (its `KeypadSettings.messagePrefix`, then the digits); when a spoken
/// turn was merged with a keypad turn the digits follow the last prefix.
public struct KeypadInput: Sendable, Hashable {
    /// `Conversation.KeypadSettings.messagePrefix`'s default. Providers cannot import Conversation
    /// (layers), so the prefix is repeated here; an agent that changes it passes the same value to
    /// `ScriptedLanguageModel`.
    public static let defaultMessagePrefix = "[keypad] "
    /// Characters a DTMF key can send (RFC 4733 §3.2 events 0–15).
    static let dtmfCharacters = Set("0123456789*#ABCD")

    /// The prefix that marks keypad input.
    public var messagePrefix: String

    public init(messagePrefix: String = KeypadInput.defaultMessagePrefix) {
        self.messagePrefix = messagePrefix
    }

    /// The digits of `message` when it is keypad input (text after the last prefix, only DTMF
    /// characters and spaces); nil for spoken or typed words.
    public func digits(in message: String) -> String? {
        guard let rest = Self.text(after: messagePrefix, in: message) else { return nil }
        let digits = rest.filter { !$0.isWhitespace }
        guard !digits.isEmpty, digits.allSatisfy(Self.dtmfCharacters.contains) else { return nil }
        return String(digits)
    }

    /// The characters after the last occurrence of `prefix` in `message`, or nil when it does not occur.
    static func text(after prefix: String, in message: String) -> Substring? {
        let needle = Array(prefix)
        guard !needle.isEmpty else { return nil }
        var index = message.endIndex
        while index > message.startIndex {
            index = message.index(before: index)
            if message[index...].starts(with: needle) {
                return message[message.index(index, offsetBy: needle.count)...]
            }
        }
        return nil
    }
}
