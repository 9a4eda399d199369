/// The identity of the configured stage chain, stamped on every record so downstream consumers
/// (and replays) can tell which code and settings produced it.
public struct PipelineDescription: Sendable, Equatable {
    public struct StageIdentity: Sendable, Equatable {
        public let name: String
        public let version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    public let articledVersion: String
    public let stages: [StageIdentity]
    /// `<articled version>+<digest of stage names, versions and parameters>`.
    public let version: String

    public init(articledVersion: String, stages: [StageIdentity], parameters: String = "") {
        self.articledVersion = articledVersion
        self.stages = stages
        let basis = stages.map { "\($0.name)@\($0.version)" }.joined(separator: ",") + "|" + parameters
        self.version = articledVersion + "+" + String(StableHash.hex(StableHash.mix(StableHash.fnv1a64(Array(basis.utf8)))).prefix(8))
    }
}
