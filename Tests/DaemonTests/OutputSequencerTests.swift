import Kafka
import Pipeline
import Testing
@testable import Daemon

@Suite struct OutputSequencerTests {
    let first = TopicPartition(topic: "in", partition: 0)
    let second = TopicPartition(topic: "in", partition: 1)

    func finished(_ offset: Int64, of partition: TopicPartition, place: OutputSequencer.Place) -> OutputSequencer.Finished {
        let record = KafkaRecord(topicPartition: partition, offset: offset, timestampMilliseconds: nil, key: nil, value: nil)
        let item = StreamEngine.Work(record: record, ticket: nil, receivedAt: 0, place: place)
        return .init(item: item, outcome: .drop(articleID: "\(offset)", stage: "test", reason: "", afterAcknowledgement: []))
    }

    func offsets(_ list: [OutputSequencer.Finished]) -> [Int64] { list.map(\.item.record.offset) }

    @Test func numbersEachPartitionFromZeroInPollOrder() {
        let sequencer = OutputSequencer()
        let places = sequencer.places(for: [first, second, first, first, second])
        #expect(places.map(\.number) == [0, 0, 1, 2, 1])
        #expect(places[0].lane == places[2].lane && places[1].lane == places[4].lane && places[0].lane != places[1].lane)
        #expect(sequencer.places(for: [second]).map(\.number) == [2])
    }

    @Test func outOfTurnOutcomesWaitForTheEarlierOne() {
        let sequencer = OutputSequencer()
        let places = sequencer.places(for: [first, first, first])
        #expect(sequencer.arrive(finished(2, of: first, place: places[2]), at: places[2]).isEmpty)
        #expect(sequencer.arrive(finished(1, of: first, place: places[1]), at: places[1]).isEmpty)
        #expect(sequencer.parkedCount == 2)
        let turn = sequencer.arrive(finished(0, of: first, place: places[0]), at: places[0])
        #expect(offsets(turn) == [0, 1, 2])
        #expect(sequencer.handedOn(lane: places[0].lane).isEmpty)
        #expect(sequencer.parkedCount == 0)
    }

    /// Whoever is handing a partition on collects what becomes next meanwhile, so two workers
    /// never produce one partition's records at the same time.
    @Test func oneWorkerAtATimeHandsAPartitionOn() {
        let sequencer = OutputSequencer()
        let places = sequencer.places(for: [first, first, first])
        #expect(offsets(sequencer.arrive(finished(0, of: first, place: places[0]), at: places[0])) == [0])
        // Record 1 finishes while record 0 is still being handed on: it waits for that turn.
        #expect(sequencer.arrive(finished(1, of: first, place: places[1]), at: places[1]).isEmpty)
        #expect(offsets(sequencer.handedOn(lane: places[0].lane)) == [1])
        #expect(sequencer.handedOn(lane: places[0].lane).isEmpty)
        // The turn ended: the next record in order is handed on by whoever finishes it.
        #expect(offsets(sequencer.arrive(finished(2, of: first, place: places[2]), at: places[2])) == [2])
    }

    @Test func partitionsDoNotWaitForEachOther() {
        let sequencer = OutputSequencer()
        let places = sequencer.places(for: [first, second, first])
        #expect(sequencer.arrive(finished(1, of: first, place: places[2]), at: places[2]).isEmpty)
        #expect(offsets(sequencer.arrive(finished(0, of: second, place: places[1]), at: places[1])) == [0])
    }
}
