import CRdKafka

/// The librdkafka actually loaded at run time. The headers are checked at compile time (shim.h),
/// but Debian 12's 2.0.2 shares the SONAME of newer builds, so a dynamically linked binary can
/// still load it; this catches that before anything talks to a broker.
public enum LibrdkafkaVersion {
    /// `0x020200ff`: 2.2.0, the first release that parses KIP-482 tagged fields correctly.
    public static let minimum: Int32 = 0x0202_00ff

    public static var runtime: Int32 { rd_kafka_version() }
    public static var runtimeString: String { String(cString: rd_kafka_version_str()) }
    public static var compiledAgainst: Int32 { articled_rdkafka_header_version }

    /// Throws when the loaded library is older than 2.2.
    public static func check() throws(KafkaError) {
        guard runtime >= minimum else {
            throw KafkaError.local(
                "librdkafka version check",
                "librdkafka \(runtimeString) is loaded, but articled needs >= 2.2 (older versions cannot parse "
                    + "KIP-482 tagged fields and fail against current brokers); install librdkafka >= 2.2 "
                    + "or build articled with `make build`, which links 2.8.0 statically"
            )
        }
    }
}
