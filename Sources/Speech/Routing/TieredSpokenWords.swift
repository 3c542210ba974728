/// Splits what was said into lowercase words the way the routing rules and the shadow comparison see
/// them: letters, digits and apostrophes make words; everything else separates them. Pure.
enum SpokenWords {
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "'" || character == "’" {
                current.append(character == "’" ? "'" : character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
