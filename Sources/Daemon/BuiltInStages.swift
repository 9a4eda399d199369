import Pipeline

extension StageRegistry {
    /// The stages shipped with articled, by configuration name.
    public static let builtIn: StageRegistry = {
        let registry = StageRegistry()
        return registry
    }()
}
