import Pipeline

/// Builds the configured stage list from names. Each stage module adds its factory here, so
/// `processing.stages` in the configuration is the only place an operator chooses and orders them.
public struct StageRegistry: Sendable {
    public typealias Factory = @Sendable () throws -> any Stage

    private var factories: [String: Factory] = [:]

    public init() {}

    /// The stages shipped with articled.
    public static let builtIn = StageRegistry()

    public mutating func register(_ name: String, factory: @escaping Factory) {
        factories[name] = factory
    }

    public var names: [String] { factories.keys.sorted() }

    public func makeStages(_ names: [String]) throws(ConfigurationError) -> [any Stage] {
        var stages: [any Stage] = []
        for name in names {
            guard let factory = factories[name] else {
                let known = self.names.isEmpty ? "none yet" : self.names.joined(separator: ", ")
                throw ConfigurationError(key: "processing.stages", message: "unknown stage \"\(name)\" (known: \(known))")
            }
            do {
                stages.append(try factory())
            } catch {
                throw ConfigurationError(key: "processing.stages", message: "stage \"\(name)\" failed to start: \(error)")
            }
        }
        return stages
    }
}
