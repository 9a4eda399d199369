@testable import Pipeline

/// Validates JSON against the subset of JSON Schema our schema file uses: type (incl. unions),
/// required, properties, items, enum, minimum, minLength. Enough to keep the schema file and the
/// encoder honest with each other.
enum MiniSchemaValidator {
    static func errors(_ value: JSONValue, schema: JSONValue, path: String = "$") -> [String] {
        var errors: [String] = []
        if let types = schema["type"] {
            let allowed: [String] = switch types {
            case .string(let one): [one]
            case .array(let many): many.compactMap(\.stringValue)
            default: []
            }
            if !allowed.contains(where: { matches(value, type: $0) }) {
                errors.append("\(path): expected \(allowed), found \(value.kindName)")
                return errors
            }
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) {
            errors.append("\(path): \(value) not in enum")
        }
        if case .number(let minimum)? = schema["minimum"], case .number(let number) = value,
           let lower = Double(minimum), let actual = Double(number), actual < lower {
            errors.append("\(path): \(actual) < minimum \(lower)")
        }
        if case .number(let minLength)? = schema["minLength"], case .string(let text) = value,
           let lower = Int(minLength), text.count < lower {
            errors.append("\(path): shorter than \(lower)")
        }
        if case .object(let members) = value {
            if case .array(let required)? = schema["required"] {
                for name in required.compactMap(\.stringValue) where !members.contains(where: { $0.key == name }) {
                    errors.append("\(path): missing required \"\(name)\"")
                }
            }
            if case .object(let properties)? = schema["properties"] {
                for (name, propertySchema) in properties {
                    if let member = members.last(where: { $0.key == name }) {
                        errors += Self.errors(member.value, schema: propertySchema, path: "\(path).\(name)")
                    }
                }
            }
        }
        if case .array(let elements) = value, let itemSchema = schema["items"] {
            for (index, element) in elements.enumerated() {
                errors += Self.errors(element, schema: itemSchema, path: "\(path)[\(index)]")
            }
        }
        return errors
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): true
        case ("number", .number): true
        case ("integer", .number(let text)): Int64(text) != nil
        default: false
        }
    }
}
