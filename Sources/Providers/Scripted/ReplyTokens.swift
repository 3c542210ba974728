/// Splits reply text into word tokens the way a streaming model sends them: each token is one word
/// with the whitespace before it, so the tokens concatenate back to exactly the text.
enum ReplyTokens {
    static func split(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inWord = false
        for character in text {
            if character.isWhitespace {
                if inWord {
                    tokens.append(current)
                    current = ""
                    inWord = false
                }
            } else {
                inWord = true
            }
            current.append(character)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
