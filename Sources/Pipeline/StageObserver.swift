/// Told how long each stage took and what it decided, for metrics. The processor calls it on the
/// worker, so it must be cheap (atomic adds).
public protocol StageObserver: Sendable {
    func stageFinished(_ stage: String, seconds: Double, outcome: StageOutcomeKind)
}

public enum StageOutcomeKind: String, Sendable, CaseIterable {
    case proceed, drop, fail
}
