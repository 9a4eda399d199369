import CRdKafka
import Logging

// librdkafka's C callbacks. They are plain functions (no captures): everything they need comes
// from the CallbackContext registered as the handle's opaque. They run on librdkafka's threads
// (log, error) or on whichever thread polls (delivery, rebalance), never on the main actor.

private func context(from opaque: UnsafeMutableRawPointer?) -> CallbackContext? {
    guard let opaque else { return nil }
    return Unmanaged<CallbackContext>.fromOpaque(opaque).takeUnretainedValue()
}

let kafkaLogCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = {
    handle, level, facility, message in
    guard let handle, let context = context(from: rd_kafka_opaque(handle)) else { return }
    let text = message.map { String(cString: $0) } ?? ""
    let facilityText = facility.map { String(cString: $0) } ?? ""
    // syslog levels: 0 emerg … 3 err, 4 warning, 5 notice, 6 info, 7 debug
    let logLevel: Logger.Level = switch level {
    case ...3: .error
    case 4: .warning
    case 5, 6: .info
    default: .debug
    }
    context.logger.log(level: logLevel, "librdkafka: \(text)", metadata: ["facility": "\(facilityText)"])
}

let kafkaErrorCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
    handle, code, reason, opaque in
    guard let context = context(from: opaque) else { return }
    let reasonText = reason.map { String(cString: $0) } ?? ""
    let err = rd_kafka_resp_err_t(rawValue: code)
    if err == RD_KAFKA_RESP_ERR__FATAL, let handle {
        var buffer = [CChar](repeating: 0, count: 512)
        let original = rd_kafka_fatal_error(handle, &buffer, buffer.count)
        let detail = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let error = KafkaError(original, operation: "client", message: detail.isEmpty ? reasonText : detail)
        let fatal = KafkaError(
            code: error.code, name: error.name, message: error.message, operation: "client",
            isFatal: true, isRetriable: false)
        context.recordFatal(fatal)
        context.logger.critical("librdkafka fatal error", metadata: ["error": "\(fatal)"])
        return
    }
    // Transport errors and broker disconnects are retried by librdkafka itself.
    context.logger.warning(
        "librdkafka error", metadata: ["error": "\(KafkaError(err, operation: "client", message: reasonText))"])
}

let kafkaDeliveryCallback: @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
    _, message, opaque in
    guard let context = context(from: opaque), let onDelivery = context.onDelivery, let message else { return }
    let token = UInt64(UInt(bitPattern: message.pointee._private))
    let err = message.pointee.err
    let report: DeliveryReport
    if err == RD_KAFKA_RESP_ERR_NO_ERROR {
        report = DeliveryReport(token: token, partition: message.pointee.partition, offset: message.pointee.offset, error: nil)
    } else {
        report = DeliveryReport(token: token, partition: nil, offset: nil, error: KafkaError(err, operation: "deliver"))
    }
    onDelivery(report)
}

let kafkaRebalanceCallback: @convention(c) (
    OpaquePointer?, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, UnsafeMutableRawPointer?
) -> Void = { handle, err, partitions, opaque in
    guard let handle, let context = context(from: opaque), let coordinator = context.rebalance else { return }
    coordinator.handle(handle: handle, event: err, partitions: partitions, logger: context.logger)
}

/// librdkafka's statistics JSON (every `statistics.interval.ms`); returning 0 lets librdkafka free it.
let kafkaStatisticsCallback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int, UnsafeMutableRawPointer?) -> Int32 = {
    _, json, length, opaque in
    guard let context = context(from: opaque), let json else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: json, count: length)
    if let statistics = KafkaStatistics(json: Array(bytes)) { context.recordStatistics(statistics) }
    return 0
}
