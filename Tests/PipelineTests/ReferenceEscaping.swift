/// JSON string escaping byte by byte: the rule the writer's fast paths must reproduce, shared by
/// the escape-scan and writer tests.
enum ReferenceEscaping {
    static func escaped(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        let hex = Array("0123456789abcdef".utf8)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x0a: out += Array("\\n".utf8)
            case 0x0d: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            default: out.append(byte)
            }
        }
        return out
    }
}
