import Testing
@testable import Speech

@Suite struct ProviderErrorTests {
    @Test func transientFailuresAreRetryableOnTheSameProvider() {
        let retryable: [ProviderError] = [.rateLimited(retryAfter: .seconds(2)), .rateLimited(retryAfter: nil),
                                          .overloaded, .timeout(.connecting), .timeout(.midStream), .connectionLost]
        for error in retryable { #expect(error.isRetryableOnSameProvider, "\(error)") }
    }

    @Test func permanentFailuresAreNotRetriedOnTheSameProviderButAreOnTheNext() {
        let permanent: [ProviderError] = [.auth, .badRequest(detail: "unknown model"),
                                          .malformedResponse(detail: "bad JSON at byte 12")]
        for error in permanent {
            #expect(!error.isRetryableOnSameProvider, "\(error)")
            #expect(error.isRetryableOnAnotherProvider, "\(error)")
            #expect(error.countsAgainstProvider, "\(error)")
        }
    }

    @Test func cancellationIsNeitherRetriedNorCountedAgainstTheProvider() {
        #expect(!ProviderError.cancelled.isRetryableOnSameProvider)
        #expect(!ProviderError.cancelled.isRetryableOnAnotherProvider)
        #expect(!ProviderError.cancelled.countsAgainstProvider)
    }

    @Test func descriptionsSayWhatWentWrong() {
        #expect(ProviderError.timeout(.firstResponse).description == "timed out (firstResponse)")
        #expect(ProviderError.badRequest(detail: "voice not found").description == "bad request: voice not found")
    }
}
