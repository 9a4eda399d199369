import Kafka
import Testing
@testable import Daemon

@Suite struct WorkQueueTests {
    func work(_ offsets: Range<Int64>) -> [StreamEngine.Work] {
        offsets.map { offset in
            StreamEngine.Work(record: KafkaRecord(topicPartition: TopicPartition(topic: "in", partition: 0), offset: offset,
                                                  timestampMilliseconds: nil, key: nil, value: nil),
                              ticket: nil, receivedAt: 0, place: nil)
        }
    }

    @Test func workersTakeSmallChunksInOrder() async {
        let queue = WorkQueue(chunk: 3)
        queue.push(work(0..<7))
        #expect(await queue.next()?.map(\.record.offset) == [0, 1, 2])
        #expect(await queue.next()?.map(\.record.offset) == [3, 4, 5])
        #expect(await queue.next()?.map(\.record.offset) == [6])
    }

    @Test func aWaitingWorkerGetsTheNextPushAndFinishEndsTheRest() async {
        let queue = WorkQueue(chunk: 2)
        async let taken = queue.next()
        // The waiter is served by the push whether it started waiting before or after it.
        try? await Task.sleep(for: .milliseconds(20))
        queue.push(work(0..<3))
        #expect(await taken?.map(\.record.offset) == [0, 1])
        queue.finish()
        #expect(await queue.next()?.map(\.record.offset) == [2])
        #expect(await queue.next() == nil)
    }

    @Test func finishWakesEveryWaitingWorker() async {
        let queue = WorkQueue()
        async let first = queue.next()
        async let second = queue.next()
        try? await Task.sleep(for: .milliseconds(20))
        queue.finish()
        #expect(await first == nil)
        #expect(await second == nil)
    }
}
