import CRdKafka
import Logging
import Synchronization

/// What librdkafka's C callbacks may reach. C function pointers capture nothing, so each handle
/// registers one of these as its opaque; the callbacks (KafkaCallbacks.swift) find everything
/// through it. It outlives `rd_kafka_destroy`, because callbacks still fire during destroy.
final class CallbackContext: Sendable {
    let logger: Logger
    let onDelivery: (@Sendable (DeliveryReport) -> Void)?
    let rebalance: RebalanceCoordinator?
    private let fatal = Mutex<KafkaError?>(nil)
    private let latestStatistics = Mutex<KafkaStatistics>(KafkaStatistics())

    var statistics: KafkaStatistics { latestStatistics.withLock { $0 } }

    func recordStatistics(_ statistics: KafkaStatistics) {
        latestStatistics.withLock { $0 = statistics }
    }

    init(logger: Logger, onDelivery: (@Sendable (DeliveryReport) -> Void)? = nil, rebalance: RebalanceCoordinator? = nil) {
        self.logger = logger
        self.onDelivery = onDelivery
        self.rebalance = rebalance
    }

    var fatalError: KafkaError? { fatal.withLock { $0 } }

    func recordFatal(_ error: KafkaError) {
        fatal.withLock { if $0 == nil { $0 = error } }
    }
}

/// Owns one `rd_kafka_t`. librdkafka handles are thread-safe, hence `@unchecked Sendable`.
final class KafkaHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    let context: CallbackContext
    private let retainedContext: Unmanaged<CallbackContext>

    init(
        kind: rd_kafka_type_t, properties: [String: String], context: CallbackContext,
        configure: (OpaquePointer) -> Void
    ) throws(KafkaError) {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError.local("create configuration", "rd_kafka_conf_new returned NULL")
        }
        var errorBuffer = [CChar](repeating: 0, count: 512)
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, key, value, &errorBuffer, errorBuffer.count)
            guard result == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                throw KafkaError.local("configure \(key)", Self.string(from: errorBuffer))
            }
        }
        let retained = Unmanaged.passRetained(context)
        rd_kafka_conf_set_opaque(conf, retained.toOpaque())
        rd_kafka_conf_set_log_cb(conf, kafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, kafkaErrorCallback)
        rd_kafka_conf_set_stats_cb(conf, kafkaStatisticsCallback)
        configure(conf)
        // On success rd_kafka_new takes ownership of conf; on failure we still own it.
        guard let handle = rd_kafka_new(kind, conf, &errorBuffer, errorBuffer.count) else {
            rd_kafka_conf_destroy(conf)
            retained.release()
            throw KafkaError.local("create client", Self.string(from: errorBuffer))
        }
        self.pointer = handle
        self.context = context
        self.retainedContext = retained
    }

    deinit {
        rd_kafka_destroy(pointer)
        retainedContext.release()
    }

    /// The fatal error librdkafka raised, if any; the handle is unusable afterwards.
    var fatalError: KafkaError? { context.fatalError }

    private static func string(from buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
