import Configuration
import Pipeline

/// `StageParameters` over the `stages.<name>` section of the daemon's configuration (YAML file
/// and `ARTICLED_STAGES_<NAME>_<KEY>` environment variables alike).
struct ConfigStageParameters: StageParameters {
    let stageName: String
    let reader: ConfigReader

    init(stageName: String, root: ConfigReader) {
        self.stageName = stageName
        self.reader = root.scoped(to: "stages").scoped(to: ConfigKey(stageName))
    }

    private func fail(_ key: String, _ expected: String) -> StageParameterError {
        StageParameterError(key: "stages.\(stageName).\(key)", expected: expected)
    }

    func string(_ key: String) throws(StageParameterError) -> String? {
        reader.string(forKey: ConfigKey(key))
    }

    func int(_ key: String) throws(StageParameterError) -> Int? {
        guard let text = reader.string(forKey: ConfigKey(key)) else { return nil }
        guard let value = Int(text) else { throw fail(key, "an integer, got \"\(text)\"") }
        return value
    }

    func double(_ key: String) throws(StageParameterError) -> Double? {
        guard let text = reader.string(forKey: ConfigKey(key)) else { return nil }
        guard let value = Double(text) else { throw fail(key, "a number, got \"\(text)\"") }
        return value
    }

    func bool(_ key: String) throws(StageParameterError) -> Bool? {
        guard let text = reader.string(forKey: ConfigKey(key)) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw fail(key, "true or false, got \"\(text)\"")
        }
    }

    func stringArray(_ key: String) throws(StageParameterError) -> [String]? {
        reader.stringArray(forKey: ConfigKey(key))
    }
}
