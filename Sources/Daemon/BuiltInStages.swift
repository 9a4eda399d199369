import Cleaning
import Dedupe
import LanguageID
import Pipeline
import Tagging

extension StageRegistry {
    /// The stages shipped with articled, by configuration name. A typical order is
    /// `[clean, language, dedupe, tag]`: dedupe and tagging then work on the cleaned text.
    public static var builtIn: StageRegistry {
        var registry = StageRegistry()
        registry.register("clean", parameters: CleaningStage.parameterKeys) { try CleaningStage(parameters: $0) }
        registry.register("language", parameters: LanguageStage.parameterKeys) { try LanguageStage(parameters: $0) }
        registry.register("dedupe", parameters: DedupeStage.parameterKeys) { try DedupeStage(parameters: $0) }
        registry.register("tag", parameters: TaggingStage.parameterKeys) { try TaggingStage(parameters: $0) }
        registry.register("fault", parameters: FaultInjectionStage.parameterKeys) { try FaultInjectionStage(parameters: $0) }
        return registry
    }
}
