import ProviderFakes

/// The bytes a fake's script sends, concatenated (pauses, stalls and disconnects dropped).
func bytes(of steps: [FakeHTTPReply.Step]) -> [UInt8] {
    steps.flatMap { step -> [UInt8] in
        if case .send(let bytes) = step { return bytes }
        return []
    }
}
