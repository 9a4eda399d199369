import Foundation
import Logging
import Pipeline
import Synchronization

/// One JSON object per line on stderr, for journald and log shippers: the operator's tools can
/// filter on `level`, `label` and metadata keys without parsing prose.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var writer = JSONWriter(reservingCapacity: 256)
        writer.object { json in
            json.field("ts", Timestamp.rfc3339(milliseconds: WallClock.milliseconds()))
            json.field("level", event.level.rawValue)
            json.field("label", label)
            json.field("msg", event.message.description)
            var merged = metadata
            if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
            if let extra = event.metadata { merged.merge(extra) { _, new in new } }
            for key in merged.keys.sorted() {
                if let value = merged[key] { json.field(key, value.description) }
            }
        }
        var line = writer.bytes
        line.append(UInt8(ascii: "\n"))
        StandardError.write(line)
    }
}

/// Serialises whole lines so concurrent log calls never interleave.
enum StandardError {
    private static let lock = Mutex(())

    static func write(_ bytes: [UInt8]) {
        lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count, let base = buffer.baseAddress {
                    let written = Foundation.write(2, base + offset, buffer.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
}

/// Installs the process-wide logging backend once: JSON when stderr is not a terminal (or when
/// asked), swift-log's plain stream handler otherwise.
public enum LoggingSetup {
    public static func bootstrap(format: String, level: String) {
        let parsedLevel = Logger.Level(rawValue: level) ?? .info
        let json = format == "json" || (format == "auto" && isatty(2) == 0)
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = parsedLevel
            return handler
        }
    }
}
