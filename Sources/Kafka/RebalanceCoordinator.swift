import CRdKafka
import Logging
import Synchronization

/// Applies rebalance events for both protocols (eager: assign/unassign everything; cooperative:
/// incremental), tells the listener, commits on revoke, and keeps the current assignment and the
/// paused flag so newly assigned partitions respect back-pressure.
final class RebalanceCoordinator: Sendable {
    private struct State {
        var assignment: Set<TopicPartition> = []
        var paused = false
        var rebalances = 0
    }

    private let listener: (any KafkaRebalanceListener)?
    private let state = Mutex(State())

    init(listener: (any KafkaRebalanceListener)?) {
        self.listener = listener
    }

    var assignment: [TopicPartition] {
        state.withLock { Array($0.assignment) }.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    var rebalanceCount: Int { state.withLock { $0.rebalances } }

    var isPaused: Bool { state.withLock { $0.paused } }

    func setPaused(_ paused: Bool) { state.withLock { $0.paused = paused } }

    /// For manual assignment (replays): the partitions flow control pauses and resumes.
    func setAssignment(_ partitions: [TopicPartition]) { state.withLock { $0.assignment = Set(partitions) } }

    func handle(
        handle: OpaquePointer, event: rd_kafka_resp_err_t,
        partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, logger: Logger
    ) {
        let cooperative = String(cString: rd_kafka_rebalance_protocol(handle)) == "COOPERATIVE"
        let changed = TopicPartitionList.partitions(in: partitions)
        state.withLock { $0.rebalances += 1 }
        switch event {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            logger.info("partitions assigned", metadata: ["partitions": "\(changed)", "cooperative": "\(cooperative)"])
            listener?.partitionsAssigned(changed)
            if cooperative {
                if let error = rd_kafka_incremental_assign(handle, partitions) {
                    logger.error("incremental assign failed", metadata: ["error": "\(KafkaError(consuming: error, operation: "assign"))"])
                }
            } else {
                let err = rd_kafka_assign(handle, partitions)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    logger.error("assign failed", metadata: ["error": "\(KafkaError(err, operation: "assign"))"])
                }
            }
            let pausedNow = state.withLock { state in
                state.assignment.formUnion(changed)
                return state.paused
            }
            if pausedNow, let partitions { _ = rd_kafka_pause_partitions(handle, partitions) }

        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let lost = rd_kafka_assignment_lost(handle) != 0
            logger.info("partitions revoked", metadata: ["partitions": "\(changed)", "lost": "\(lost)"])
            if lost {
                listener?.partitionsLost(changed)
            } else {
                if let done = listener?.partitionsRevoked(changed) {
                    OffsetStore.store(done, handle: handle, logger: logger)
                }
                let err = rd_kafka_commit(handle, nil, 0)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
                    logger.warning("commit on revoke failed", metadata: ["error": "\(KafkaError(err, operation: "commit"))"])
                }
            }
            if cooperative {
                if let error = rd_kafka_incremental_unassign(handle, partitions) {
                    logger.error("incremental unassign failed", metadata: ["error": "\(KafkaError(consuming: error, operation: "unassign"))"])
                }
            } else {
                _ = rd_kafka_assign(handle, nil)
            }
            state.withLock { $0.assignment.subtract(changed) }

        default:
            logger.error("rebalance error", metadata: ["error": "\(KafkaError(event, operation: "rebalance"))"])
            _ = rd_kafka_assign(handle, nil)
            let dropped = state.withLock { state in
                defer { state.assignment.removeAll() }
                return Array(state.assignment)
            }
            listener?.partitionsLost(dropped)
        }
    }
}
