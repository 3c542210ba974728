import Foundation

/// JSON `null` for `FakeJSON.text` dictionaries.
enum NSNullish {
    static var value: Any { NSNull() }
}
