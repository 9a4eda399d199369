/// A stage whose state the daemon mirrors in a compacted Kafka topic, so it survives restarts
/// and rebalances and every instance of the group sees every other instance's entries.
///
/// The stage knows nothing of Kafka: it hands entries to the sink the daemon attaches, and the
/// daemon feeds every changelog record (its own and other instances') back through `restore`.
public protocol ChangelogBackedStage: Stage {
    /// The compacted topic to use; nil keeps the state in memory only.
    var changelogTopic: String? { get }
    func attachChangelog(_ sink: ChangelogSink)
    /// Applies one changelog record; a nil value is a deletion (tombstone).
    func restore(key: [UInt8], value: [UInt8]?)
    /// True: the daemon processes no article before the state is restored. False: articles flow
    /// meanwhile and the stage is told `setRestoring(true)` until the restore caught up.
    var blocksWhileRestoring: Bool { get }
    func setRestoring(_ restoring: Bool)
}

/// Where a stage writes changelog entries (key = the entry's identity, e.g. the article id).
public final class ChangelogSink: Sendable {
    private let write: @Sendable ([UInt8], [UInt8]) -> Void

    public init(_ write: @escaping @Sendable (_ key: [UInt8], _ value: [UInt8]) -> Void) {
        self.write = write
    }

    public func append(key: [UInt8], value: [UInt8]) {
        write(key, value)
    }
}

/// A stage that can say how much state it holds, for the `articled_stage_state_*` metrics.
public protocol StageStateReporting: Stage {
    var stateEntries: Int { get }
    var stateBytes: Int { get }
}
