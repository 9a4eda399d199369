import Kafka
import Pipeline

extension KafkaRecord {
    /// Where the record came from, in the pipeline's terms (Pipeline knows nothing of librdkafka).
    var sourcePosition: SourcePosition {
        SourcePosition(topic: topicPartition.topic, partition: topicPartition.partition,
                       offset: offset, timestampMilliseconds: timestampMilliseconds)
    }
}
