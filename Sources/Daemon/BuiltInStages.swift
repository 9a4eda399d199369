import Pipeline

extension StageRegistry {
    /// The stages shipped with articled, by configuration name.
    public static var builtIn: StageRegistry {
        var registry = StageRegistry()
        registry.register("fault", parameters: FaultInjectionStage.parameterKeys) { try FaultInjectionStage(parameters: $0) }
        return registry
    }
}
