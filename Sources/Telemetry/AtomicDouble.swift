import Synchronization

/// Doubles stored as bit patterns in an `Atomic<UInt64>`: lock-free adds via a compare-exchange loop,
/// which is uncontended in practice (one CAS) and never allocates.
extension Atomic where Value == UInt64 {
    @inlinable
    func addDouble(_ amount: Double) {
        var current = load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = compareExchange(
                expected: current, desired: next, successOrdering: .relaxed, failureOrdering: .relaxed
            )
            if exchanged { return }
            current = original
        }
    }

    @inlinable
    func storeDouble(_ value: Double) {
        store(value.bitPattern, ordering: .relaxed)
    }

    @inlinable
    func loadDouble() -> Double {
        Double(bitPattern: load(ordering: .relaxed))
    }
}
