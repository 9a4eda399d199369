/// A stage's settings from the `stages.<name>` section of the configuration, read with types.
///
/// The daemon backs it with its configuration reader; tests and `articled process` can use
/// `DictionaryStageParameters`. Stages never see YAML or environment variables.
public protocol StageParameters: Sendable {
    var stageName: String { get }
    func string(_ key: String) throws(StageParameterError) -> String?
    func int(_ key: String) throws(StageParameterError) -> Int?
    func double(_ key: String) throws(StageParameterError) -> Double?
    func bool(_ key: String) throws(StageParameterError) -> Bool?
    func stringArray(_ key: String) throws(StageParameterError) -> [String]?
}

public struct StageParameterError: Error, Sendable, CustomStringConvertible {
    /// Full key path, e.g. `stages.clean.max_removed_share`.
    public let key: String
    public let expected: String

    public init(key: String, expected: String) {
        self.key = key
        self.expected = expected
    }

    public var description: String { "\(key): expected \(expected)" }
}

extension StageParameters {
    public func string(_ key: String, default value: String) throws(StageParameterError) -> String { try string(key) ?? value }
    public func int(_ key: String, default value: Int) throws(StageParameterError) -> Int { try int(key) ?? value }
    public func double(_ key: String, default value: Double) throws(StageParameterError) -> Double { try double(key) ?? value }
    public func bool(_ key: String, default value: Bool) throws(StageParameterError) -> Bool { try bool(key) ?? value }
    public func stringArray(_ key: String, default value: [String]) throws(StageParameterError) -> [String] { try stringArray(key) ?? value }

    /// A number that must lie in `range`, with an error naming the key when it does not.
    public func double(_ key: String, default value: Double, in range: ClosedRange<Double>) throws(StageParameterError) -> Double {
        let number = try double(key) ?? value
        guard range.contains(number) else {
            throw StageParameterError(key: "stages.\(stageName).\(key)", expected: "a number in \(range), got \(number)")
        }
        return number
    }

    public func int(_ key: String, default value: Int, in range: ClosedRange<Int>) throws(StageParameterError) -> Int {
        let number = try int(key) ?? value
        guard range.contains(number) else {
            throw StageParameterError(key: "stages.\(stageName).\(key)", expected: "an integer in \(range), got \(number)")
        }
        return number
    }
}

/// Parameters from a plain dictionary of strings (tests, tools).
public struct DictionaryStageParameters: StageParameters {
    public let stageName: String
    public let values: [String: String]

    public init(stageName: String, values: [String: String] = [:]) {
        self.stageName = stageName
        self.values = values
    }

    private func fail(_ key: String, _ expected: String) -> StageParameterError {
        StageParameterError(key: "stages.\(stageName).\(key)", expected: expected)
    }

    public func string(_ key: String) throws(StageParameterError) -> String? { values[key] }

    public func int(_ key: String) throws(StageParameterError) -> Int? {
        guard let text = values[key] else { return nil }
        guard let value = Int(text) else { throw fail(key, "an integer, got \"\(text)\"") }
        return value
    }

    public func double(_ key: String) throws(StageParameterError) -> Double? {
        guard let text = values[key] else { return nil }
        guard let value = Double(text) else { throw fail(key, "a number, got \"\(text)\"") }
        return value
    }

    public func bool(_ key: String) throws(StageParameterError) -> Bool? {
        guard let text = values[key] else { return nil }
        switch text {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw fail(key, "true or false, got \"\(text)\"")
        }
    }

    public func stringArray(_ key: String) throws(StageParameterError) -> [String]? {
        values[key].map { $0.split(separator: ",").map { String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) } }
    }
}
