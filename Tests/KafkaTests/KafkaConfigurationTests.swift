import Testing
@testable import Kafka

@Suite struct KafkaConfigurationTests {
    @Test func consumerNeverStoresOffsetsByItself() {
        let properties = KafkaConsumerConfiguration(
            client: .init(bootstrapServers: ["a:1", "b:2"]), groupID: "g"
        ).librdkafkaProperties
        #expect(properties["enable.auto.offset.store"] == "false")
        #expect(properties["bootstrap.servers"] == "a:1,b:2")
        #expect(properties["partition.assignment.strategy"] == "cooperative-sticky")
        #expect(properties["group.id"] == "g")
    }

    @Test func passThroughPropertiesWinOverTypedOnes() {
        let properties = KafkaProducerConfiguration(
            client: .init(bootstrapServers: ["a:1"], extra: ["linger.ms": "50", "security.protocol": "SSL"])
        ).librdkafkaProperties
        #expect(properties["linger.ms"] == "50")
        #expect(properties["security.protocol"] == "SSL")
        #expect(properties["enable.idempotence"] == "true")
        #expect(properties["acks"] == "all")
    }

    @Test func invalidPropertyIsATypedErrorNamingIt() {
        #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(
                configuration: .init(client: .init(bootstrapServers: ["127.0.0.1:1"], extra: ["no.such.property": "1"])),
                logger: .init(label: "test")
            ) { _ in }
        }
    }
}

@Suite struct LibrdkafkaVersionTests {
    @Test func linkedLibraryIsAtLeastTwoPointTwoAndMatchesTheHeaders() throws {
        try LibrdkafkaVersion.check()
        #expect(LibrdkafkaVersion.runtime >= LibrdkafkaVersion.minimum)
        #expect(LibrdkafkaVersion.compiledAgainst >= LibrdkafkaVersion.minimum)
    }
}

@Suite struct KafkaStatisticsTests {
    @Test func brokerRoundTripsAndQueuesAreReadFromLibrdkafkaJSON() throws {
        let json = #"{"msg_cnt":12,"brokers":{"127.0.0.1:9092/1":{"nodeid":1,"outbuf_cnt":2,"waitresp_cnt":3,"rtt":{"avg":1500}},"GroupCoordinator":{"nodeid":-1}}}"#
        let statistics = try #require(KafkaStatistics(json: Array(json.utf8)))
        #expect(statistics.messageCount == 12)
        #expect(statistics.brokers.count == 1)
        #expect(statistics.brokers.first?.roundTripSeconds == 0.0015)
        #expect(statistics.brokers.first?.outboundQueue == 2)
        #expect(KafkaStatistics(json: Array("not json".utf8)) == nil)
    }

    @Test func bufferedBytesAreTheProducerQueueAndTheSumOfPartitionPrefetch() throws {
        let json = #"{"msg_size":4096,"topics":{"in":{"partitions":{"0":{"fetchq_size":100},"1":{"fetchq_size":23},"-1":{"fetchq_size":0}}},"other":{"partitions":{"0":{"fetchq_size":7}}}}}"#
        let statistics = try #require(KafkaStatistics(json: Array(json.utf8)))
        #expect(statistics.messageBytes == 4096)
        #expect(statistics.fetchQueueBytes == 130)
    }
}
