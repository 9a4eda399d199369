import Foundation

/// Resolves secret references in configuration values, so passwords never sit in the YAML file or
/// the unit's environment:
/// - `@file:/path/to/secret` — the file's content;
/// - `@credential:NAME` — `$CREDENTIALS_DIRECTORY/NAME`, as systemd's `LoadCredential=` provides.
/// One trailing newline is removed. Errors name the reference and the key, never the value.
struct SecretResolver: Sendable {
    let environment: [String: String]

    static let filePrefix = "@file:"
    static let credentialPrefix = "@credential:"

    static func isReference(_ value: String) -> Bool {
        value.hasPrefix(filePrefix) || value.hasPrefix(credentialPrefix)
    }

    func resolve(_ value: String, key: String) throws(ConfigurationError) -> String {
        let path: String
        if value.hasPrefix(Self.filePrefix) {
            path = String(value.dropFirst(Self.filePrefix.count))
        } else if value.hasPrefix(Self.credentialPrefix) {
            let name = String(value.dropFirst(Self.credentialPrefix.count))
            guard let directory = environment["CREDENTIALS_DIRECTORY"] else {
                throw ConfigurationError(key: key, message: "\(value) needs $CREDENTIALS_DIRECTORY (systemd LoadCredential=), which is not set")
            }
            guard !name.isEmpty, !name.contains("/") else {
                throw ConfigurationError(key: key, message: "credential name must be a plain file name, got \"\(name)\"")
            }
            path = directory + "/" + name
        } else {
            return value
        }
        guard let data = FileManager.default.contents(atPath: path), var secret = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(key: key, message: "cannot read secret file \(path)")
        }
        if secret.hasSuffix("\n") { secret.removeLast() }
        return secret
    }
}
