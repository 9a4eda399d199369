/// The memory a check counts its band hits in (`IndexState.countBandHits`): a set of cells and the
/// list of the cells used. Allocated once per index and left all zero by every check (the check
/// clears the cells it used, ~240 at the full index of the sample mix), where a temporary buffer
/// was allocated and its 16 KB cleared for every check. Used only under the index's lock: one
/// `IndexState` owns it, and a copy of the state would share it.
final class CandidateScratch {
    let cells: UnsafeMutableBufferPointer<UInt64>
    let found: UnsafeMutableBufferPointer<Int>

    init(cells cellCount: Int, found foundCount: Int) {
        cells = .allocate(capacity: cellCount)
        cells.initialize(repeating: 0)
        found = .allocate(capacity: foundCount)
        found.initialize(repeating: 0)
    }

    deinit {
        cells.deallocate()
        found.deallocate()
    }
}
