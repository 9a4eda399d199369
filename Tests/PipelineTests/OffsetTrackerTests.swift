import Testing
@testable import Pipeline

@Suite struct OffsetTrackerTests {
    let partition = InputPartition(topic: "in", partition: 0)

    @Test func offsetAdvancesOnlyOverTheContiguousDonePrefix() throws {
        let tracker = OffsetTracker()
        tracker.assign(partition)
        let tickets = (10..<15).compactMap { tracker.begin(partition, offset: Int64($0)) }
        #expect(tickets.count == 5)
        #expect(tracker.complete(tickets[1]) == nil)
        #expect(tracker.complete(tickets[2]) == nil)
        #expect(tracker.complete(tickets[0]) == 13)
        #expect(tracker.committableOffsets()[partition] == 13)
        #expect(tracker.complete(tickets[4]) == nil)
        #expect(tracker.pendingCount() == 1)
        #expect(tracker.complete(tickets[3]) == 15)
        #expect(tracker.pendingCount() == 0)
    }

    @Test func acknowledgementsFromAPreviousAssignmentAreIgnored() throws {
        let tracker = OffsetTracker()
        tracker.assign(partition)
        let old = try #require(tracker.begin(partition, offset: 5))
        tracker.revoke(partition)
        tracker.assign(partition)
        let current = try #require(tracker.begin(partition, offset: 3))
        #expect(tracker.complete(old) == nil)
        #expect(tracker.committableOffsets()[partition] == nil)
        #expect(tracker.complete(current) == 4)
    }

    @Test func recordsOfUnassignedPartitionsGetNoTicket() {
        let tracker = OffsetTracker()
        #expect(tracker.begin(partition, offset: 1) == nil)
    }

    @Test func manyRecordsCompleteInAnyOrder() {
        let tracker = OffsetTracker()
        tracker.assign(partition)
        var tickets = (0..<5_000).compactMap { tracker.begin(partition, offset: Int64($0)) }
        var generator = SeededGenerator(seed: 7)
        tickets.shuffle(using: &generator)
        for ticket in tickets { _ = tracker.complete(ticket) }
        #expect(tracker.committableOffsets()[partition] == 5_000)
        #expect(tracker.pendingCount() == 0)
    }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = StableHash.mix(state &+ 0x9e37_79b9_7f4a_7c15)
        return state
    }
}
