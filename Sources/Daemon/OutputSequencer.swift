import Kafka
import Pipeline
import Synchronization

/// Keeps the output order of each input partition while any worker may process any of its
/// records (`processing.ordering: partition`).
///
/// Pinning a partition to one worker kept the order too, but left cores idle whenever the
/// partitions did not divide evenly: with 3 partitions on 2 workers one worker carried two thirds
/// of the records and the other waited. Instead, records are numbered per partition as they are
/// polled, spread over the workers, and their outcomes handed on in that numbering: a worker
/// that finishes a record out of turn parks its outcome here, and whoever finishes the one that
/// is next hands on everything that has become consecutive. Only one worker at a time hands on a
/// partition's outcomes, so their produce calls cannot interleave.
final class OutputSequencer: Sendable {
    /// A record's place in its partition's output order.
    struct Place: Sendable {
        let lane: Int
        let number: UInt64
    }

    /// A processed record waiting for its turn.
    struct Finished: Sendable {
        let item: StreamEngine.Work
        let outcome: ProcessingOutcome
    }

    private struct Lane {
        var numbered: UInt64 = 0
        var next: UInt64 = 0
        /// A worker is handing on this lane's outcomes; it collects what arrives meanwhile.
        var handingOn = false
        var parked: [UInt64: Finished] = [:]

        mutating func arrive(_ finished: Finished, number: UInt64) -> [Finished] {
            if !handingOn && number == next && parked.isEmpty {
                // In turn and nothing parked: no dictionary round trip (the common case).
                next &+= 1
                handingOn = true
                return [finished]
            }
            parked[number] = finished
            return handingOn ? [] : takeTurn()
        }

        /// The parked outcomes that are next in order; the turn stays taken while there are any.
        mutating func takeTurn() -> [Finished] {
            var taken: [Finished] = []
            while let finished = parked.removeValue(forKey: next) {
                taken.append(finished)
                next &+= 1
            }
            handingOn = !taken.isEmpty
            return taken
        }
    }

    private struct State {
        var lanes: [Lane] = []
        var laneOfPartition: [TopicPartition: Int] = [:]
    }

    private let state = Mutex(State())

    /// Numbers `partitions` (a poll batch's, in poll order) within their partitions; one lock per batch.
    func places(for partitions: [TopicPartition]) -> [Place] {
        state.withLock { state in
            var lastPartition: TopicPartition?
            var lastLane = 0
            return partitions.map { partition in
                if partition != lastPartition {
                    lastPartition = partition
                    if let known = state.laneOfPartition[partition] {
                        lastLane = known
                    } else {
                        lastLane = state.lanes.count
                        state.laneOfPartition[partition] = lastLane
                        state.lanes.append(Lane())
                    }
                }
                let number = state.lanes[lastLane].numbered
                state.lanes[lastLane].numbered &+= 1
                return Place(lane: lastLane, number: number)
            }
        }
    }

    /// A worker finished the record at `place`. Returns the outcomes the caller must now hand on,
    /// in order, and then call `handedOn(lane:)`; empty when they are not next yet or another
    /// worker is handing on this lane (which then collects them).
    func arrive(_ finished: Finished, at place: Place) -> [Finished] {
        // Lanes are changed in place (`lanes[i].…`): a copy would share the parked dictionary
        // and copy it whole on the next insert.
        state.withLock { state in
            guard state.lanes.indices.contains(place.lane) else { return [finished] }
            return state.lanes[place.lane].arrive(finished, number: place.number)
        }
    }

    /// The caller handed on what it was given; returns what became next meanwhile (its turn goes
    /// on) or, when nothing did, ends its turn.
    func handedOn(lane index: Int) -> [Finished] {
        state.withLock { state in
            guard state.lanes.indices.contains(index) else { return [] }
            return state.lanes[index].takeTurn()
        }
    }

    /// Outcomes parked behind one not yet finished (a gauge for stuck records).
    var parkedCount: Int {
        state.withLock { state in state.lanes.reduce(0) { $0 + $1.parked.count } }
    }
}
