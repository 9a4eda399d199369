/// Strings from bytes known to be valid UTF-8, without validating them again.
///
/// Every byte the cleaner outputs comes from a Swift string (valid by construction) cut at
/// scalar boundaries, or from `encodeScalar` of a valid scalar; re-validating it in
/// `String(decoding:as:)` cost as much as the whole line analysis for non-Latin text. The
/// invariant is checked in debug builds and by the tests (`NormalizationTests`).
@inline(__always)
func uncheckedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    assert(String(validating: bytes, as: UTF8.self) != nil, "cleaner produced invalid UTF-8")
    if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
        return String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes)))
    }
    return String(decoding: bytes, as: UTF8.self)
}
