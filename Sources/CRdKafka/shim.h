// C shim for librdkafka: refuses old headers, gives Swift typed constants for macros and
// fixed-argument wrappers for the variadic functions Swift cannot import.
#ifndef ARTICLED_CRDKAFKA_SHIM_H
#define ARTICLED_CRDKAFKA_SHIM_H

#include <stdint.h>
#include <stddef.h>
#include <librdkafka/rdkafka.h>
// The mock cluster, for fault-injection tests only (Kafka.MockCluster).
#include <librdkafka/rdkafka_mock.h>

// librdkafka < 2.2 mis-parses KIP-482 tagged fields and fails against brokers that send them
// (tansu, newer Kafka). Debian 12's librdkafka-dev is 2.0.2: run `make deps`.
#if RD_KAFKA_VERSION < 0x020200ff
#error "articled needs librdkafka >= 2.2 headers; run `make deps` (builds 2.8.0 into .deps/)"
#endif

/// The header version this binary was compiled against, for the run-time check.
static const int32_t articled_rdkafka_header_version = RD_KAFKA_VERSION;

/// Offset sentinels (macros import as Int32 in Swift; offsets are int64_t).
static const int64_t articled_offset_beginning = RD_KAFKA_OFFSET_BEGINNING;
static const int64_t articled_offset_end = RD_KAFKA_OFFSET_END;
static const int64_t articled_offset_stored = RD_KAFKA_OFFSET_STORED;
static const int64_t articled_offset_invalid = RD_KAFKA_OFFSET_INVALID;
static const int32_t articled_partition_unassigned = RD_KAFKA_PARTITION_UA;

/// Produces one message (payload and key copied by librdkafka). `headers` ownership passes to
/// librdkafka on success only; on failure the caller still owns them.
static inline rd_kafka_resp_err_t articled_produce(rd_kafka_t *rk, const char *topic,
                                                   const void *key, size_t key_len,
                                                   const void *value, size_t value_len,
                                                   rd_kafka_headers_t *headers,
                                                   void *msg_opaque) {
    return rd_kafka_producev(rk,
                             RD_KAFKA_V_TOPIC(topic),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_KEY(key, key_len),
                             RD_KAFKA_V_VALUE((void *)value, value_len),
                             RD_KAFKA_V_HEADERS(headers),
                             RD_KAFKA_V_OPAQUE(msg_opaque),
                             RD_KAFKA_V_END);
}

#endif
