@testable import Providers
import Testing

@Suite("Energy endpointing and multipart bodies for batch transcription")
struct EnergyEndpointerTests {
    let speech = [Int16](repeating: 6000, count: 160)
    let quiet = [Int16](repeating: 0, count: 160)

    @Test func anUtteranceRunsFromPreRollToTheEndOfTheSilence() {
        var endpointer = EnergyEndpointer(silenceFrames: 2, maxFrames: 100, preRollFrames: 1)
        #expect(endpointer.push(quiet, isSpeech: false) == .nothing)
        #expect(endpointer.push(speech, isSpeech: true) == .started)
        #expect(endpointer.push(quiet, isSpeech: false) == .nothing)
        #expect(endpointer.push(speech, isSpeech: true) == .nothing)
        #expect(endpointer.push(quiet, isSpeech: false) == .nothing)
        #expect(endpointer.push(quiet, isSpeech: false) == .ended(quiet + speech + quiet + speech + quiet + quiet))
        #expect(endpointer.flush() == nil)
    }

    @Test func longSpeechIsCutAtTheMaximumAndFlushTakesTheRest() {
        var endpointer = EnergyEndpointer(silenceFrames: 5, maxFrames: 3, preRollFrames: 0)
        #expect(endpointer.push(speech, isSpeech: true) == .started)
        #expect(endpointer.push(speech, isSpeech: true) == .nothing)
        #expect(endpointer.push(speech, isSpeech: true) == .ended(speech + speech + speech))
        #expect(endpointer.push(speech, isSpeech: true) == .started)
        #expect(endpointer.flush() == speech)
    }

    @Test func multipartBodyDelimitsEachPart() {
        var form = MultipartFormData(boundary: "b0undary")
        form.addField("model", "whisper-1")
        form.addFile("file", filename: "a.wav", contentType: "audio/wav", bytes: [1, 2, 3])
        let text = String(decoding: form.finished(), as: UTF8.self)
        #expect(text == "--b0undary\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
            + "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n\u{1}\u{2}\u{3}\r\n"
            + "--b0undary--\r\n")
        #expect(form.contentType == "multipart/form-data; boundary=b0undary")
        #expect(MultipartFormData.randomBoundary() != MultipartFormData.randomBoundary())
    }
}
