import Foundation
import Pipeline

/// A stage for tests and drills, not for production: it fails, fails retriably or hangs on
/// articles whose text contains a marker, so every failure path of the real daemon can be
/// exercised end to end (`processing.stages: [fault]`, parameters under `stages.fault`).
struct FaultInjectionStage: Stage {
    let name = "fault"
    let version = "1"
    /// Text containing this fails permanently → dead letter class `stage`.
    let failMarker: String?
    /// Text containing this fails retriably on the first `retriableFailures` attempts, then passes.
    let retryMarker: String?
    let retriableFailures: Int
    /// Text containing this blocks the worker for `hangMilliseconds` (a stuck stage).
    let hangMarker: String?
    let hangMilliseconds: Int
    /// CPU to burn per article, in microseconds: a stand-in for a heavy stage in benchmarks.
    let spinMicroseconds: Int

    static let parameterKeys: Set<String> = ["fail_marker", "retry_marker", "retriable_failures", "hang_marker", "hang_ms", "spin_us"]

    init(parameters: any StageParameters) throws(StageParameterError) {
        failMarker = try parameters.string("fail_marker")
        retryMarker = try parameters.string("retry_marker")
        retriableFailures = try parameters.int("retriable_failures", default: 2, in: 0...100)
        hangMarker = try parameters.string("hang_marker")
        hangMilliseconds = try parameters.int("hang_ms", default: 60_000, in: 0...3_600_000)
        spinMicroseconds = try parameters.int("spin_us", default: 0, in: 0...1_000_000)
    }

    func process(_ article: inout Article, context: StageContext) -> StageOutcome {
        if spinMicroseconds > 0 {
            let end = ContinuousClock.now + .microseconds(spinMicroseconds)
            var spins = 0
            while ContinuousClock.now < end { spins &+= 1 }
            if spins == -1 { article.text += "" }  // keeps the loop from being optimised away
        }
        if let hangMarker, article.text.contains(hangMarker) {
            usleep(useconds_t(min(hangMilliseconds, 4_000_000) * 1000))
        }
        if let failMarker, article.text.contains(failMarker) {
            return .fail(StageFailure(stage: name, message: "injected failure (\(failMarker))", retriable: false))
        }
        if let retryMarker, article.text.contains(retryMarker), context.attempt <= retriableFailures {
            return .fail(StageFailure(stage: name, message: "injected retriable failure, attempt \(context.attempt)", retriable: true))
        }
        return .proceed
    }
}
