import Pipeline

extension StageRegistry {
    /// The stages shipped with articled, by configuration name.
    public static var builtIn: StageRegistry {
        let registry = StageRegistry()
        return registry
    }
}
