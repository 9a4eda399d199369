/// UTF-8 checked once per record: the decoder validates the whole value, and the strings cut
/// from it (at ASCII delimiters, so at scalar boundaries) are then created without validating
/// each again. Validating the value and re-validating its text in `String(decoding:as:)` cost as
/// much as the rest of decoding.
enum ValidatedUTF8 {
    /// nil when `bytes` is not valid UTF-8; else whether all of it is ASCII (false when unknown).
    static func check(_ bytes: [UInt8]) -> Bool? {
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            do {
                return try UTF8Span(validating: bytes.span).isKnownASCII
            } catch {
                return nil
            }
        }
        return String(validating: bytes, as: UTF8.self) == nil ? nil : false
    }

    /// A String of bytes the caller knows to be valid UTF-8 (a part of a checked value cut at
    /// scalar boundaries, or built from valid scalars).
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        assert(String(validating: bytes, as: UTF8.self) != nil, "bytes taken for valid UTF-8 are not")
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            return String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes), isKnownASCII: isASCII))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
