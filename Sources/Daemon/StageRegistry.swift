import Pipeline

/// Builds the configured stage list from names. Each stage module registers its factory here, so
/// `processing.stages` (order) and `stages.<name>` (parameters, `enabled`) in the configuration
/// are the only places an operator chooses stages.
public struct StageRegistry: Sendable {
    public typealias Factory = @Sendable (any StageParameters) throws -> any Stage

    private var factories: [String: Factory] = [:]
    private var parameterKeys: [String: Set<String>] = [:]

    public init() {}

    /// `parameters` lists the keys the stage reads under `stages.<name>`, so `check-config` can
    /// report misspelt ones (`enabled` is always allowed).
    public mutating func register(_ name: String, parameters: Set<String> = [], factory: @escaping Factory) {
        factories[name] = factory
        parameterKeys[name] = parameters.union(["enabled"])
    }

    /// The keys a registered stage accepts; nil for unknown stages.
    public func parameterKeys(of stage: String) -> Set<String>? { parameterKeys[stage] }

    public var names: [String] { factories.keys.sorted() }

    /// Stages in the given order, skipping those whose `enabled` parameter is false.
    public func makeStages(
        _ names: [String], parameters: (String) -> any StageParameters
    ) throws(ConfigurationError) -> [any Stage] {
        var stages: [any Stage] = []
        var seen: Set<String> = []
        for name in names {
            guard seen.insert(name).inserted else {
                throw ConfigurationError(key: "processing.stages", message: "stage \"\(name)\" is listed twice")
            }
            guard let factory = factories[name] else {
                let known = self.names.isEmpty ? "none" : self.names.joined(separator: ", ")
                throw ConfigurationError(key: "processing.stages", message: "unknown stage \"\(name)\" (known: \(known))")
            }
            let stageParameters = parameters(name)
            do {
                guard try stageParameters.bool("enabled") ?? true else { continue }
                stages.append(try factory(stageParameters))
            } catch let error as StageParameterError {
                throw ConfigurationError(key: error.key, message: "expected \(error.expected)")
            } catch {
                throw ConfigurationError(key: "stages.\(name)", message: "stage failed to initialise: \(error)")
            }
        }
        return stages
    }
}
