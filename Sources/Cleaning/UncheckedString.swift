import Pipeline

/// Strings from bytes known to be valid UTF-8, without validating them again.
///
/// Every byte the cleaner outputs comes from a Swift string (valid by construction) cut at
/// scalar boundaries, or from `encodeScalar` of a valid scalar; re-validating it in
/// `String(decoding:as:)` cost as much as the whole line analysis for non-Latin text. The
/// invariant is checked in debug builds and by the tests (`NormalizationTests`).
@inline(__always)
func uncheckedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String { ValidatedUTF8.string(bytes) }
