import Kafka
import Pipeline

/// What happens to a message that could not be produced. Nothing is dropped and nothing is
/// re-sent unchanged when that can never succeed (a refused message would otherwise hold its
/// partition's offsets back for good).
extension StreamEngine {
    /// librdkafka would not take the message (its own size check, unknown topic, a full queue
    /// after a fatal error …).
    func sendFailed(_ output: PendingOutput, error: KafkaError, producer: KafkaProducer) async {
        if let substitute = substitute(for: output, error: error) {
            await emit(substitute, producer: producer)
        } else if let transactions {
            // A later re-send would land in a later transaction than the outputs after it.
            transactions.deliveryFailed(error)
        } else {
            logger.error("produce failed; retrying", metadata: ["topic": "\(output.topic)", "error": "\(error)", "attempts": "\(output.attempts)"])
            scheduleRetry(output)
        }
    }

    /// The broker refused a delivered message for what it is (too large, invalid).
    func rejected(_ output: PendingOutput, error: KafkaError) {
        logger.warning("broker refused the message", metadata: ["topic": "\(output.topic)", "error": "\(error)"])
        if let substitute = substitute(for: output, error: error) {
            retries.continuation.yield(substitute)
        } else {
            scheduleRetry(output)
        }
    }

    /// What to send instead of a message that cannot go as it is: an output becomes a `produce`
    /// dead letter of its input; a refused dead letter goes without its value. nil when neither
    /// applies (the failure may pass, so the message is retried as it is).
    func substitute(for output: PendingOutput, error: KafkaError) -> PendingOutput? {
        if output.deadLetterClass == nil, let original = output.original {
            return producedDeadLetter(of: original, ticket: output.ticket, error: error)
        }
        if error.rejectsMessage && !output.value.isEmpty {
            return Self.withoutValue(output, refusedBecause: error)
        }
        return nil
    }

    func producedDeadLetter(of original: KafkaRecord, ticket: OffsetTracker.Ticket?, error: KafkaError) -> PendingOutput {
        let letter = DeadLetter(errorClass: .produce, message: "\(error)", position: original.sourcePosition,
                                firstFailureMilliseconds: WallClock.milliseconds())
        return deadLetterOutput(letter, record: original, ticket: ticket)
    }

    /// A dead letter its topic will not take (over the topic's or the producer's size limit) goes
    /// without its value: the headers still name the class and the source position, where the
    /// original stays, and `articled.error.value_omitted` says what was left out and why.
    static func withoutValue(_ output: PendingOutput, refusedBecause error: KafkaError) -> PendingOutput {
        PendingOutput(
            ticket: output.ticket, topic: output.topic, key: output.key, value: [],
            headers: output.headers + [KafkaHeader(name: DeadLetter.Header.valueOmitted, string: "\(output.value.count) bytes: \(error.name)")],
            afterAcknowledgement: output.afterAcknowledgement, deadLetterClass: output.deadLetterClass,
            inputTimestampMilliseconds: output.inputTimestampMilliseconds
        )
    }

    /// Queues a transient failure for another try after a backoff that doubles per attempt
    /// (200 ms … 5 s). The due time is fixed now, so a burst of failures is re-sent together after
    /// one backoff, not one backoff after another.
    func scheduleRetry(_ output: PendingOutput) {
        var again = output
        again.attempts += 1
        again.retryDue = .now + .milliseconds(min(100 * (1 << min(output.attempts, 6)), 5_000))
        retries.continuation.yield(again)
    }

    func retryFailedDeliveries(producer: KafkaProducer) async {
        for await output in retries.stream {
            if let due = output.retryDue { try? await Task.sleep(until: due, clock: .continuous) }
            guard !Task.isCancelled else { return }
            var next = output
            next.retryDue = nil
            await emit(next, producer: producer)
        }
    }
}
