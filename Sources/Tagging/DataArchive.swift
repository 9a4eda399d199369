import Foundation

/// Why a compiled-data archive was not used (`TaggerDataCache`); the tagger then compiles its data
/// from the text files, as it does without a cache.
public struct DataArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Equatable {
        /// Shorter than its header or its payload says, or a count runs past the end.
        case truncated
        /// Not an archive of this format version, or made from other data or by another build.
        case mismatch
        /// The payload's checksum or a value in it is wrong (a damaged file).
        case corrupt
        /// The cache directory or file could not be written.
        case unwritable
    }
    public var reason: Reason
    public var detail: String

    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "tagger data archive \(reason.rawValue): \(detail)" }
}

/// Appends values as little-endian bytes. Arrays of plain values are written as their raw bytes, so
/// reading one back is a copy, not a parse: that is what makes a cached start ~100 times cheaper
/// than compiling the text lists (`TaggerDataCache`).
///
/// Arrays whose storage another written array already shares are written once and referred to by
/// index: thirty minimal lexicons share the English topic tables (copy on write), and writing them
/// out thirty times would also make thirty copies in memory when read back.
struct ArchiveWriter {
    private(set) var bytes: [UInt8] = []
    private var written: [UnsafeRawPointer: Int] = [:]
    /// The arrays `written` knows, held so that no storage is freed and reused by a later array
    /// while writing (a temporary's address could otherwise pass for a shared array's).
    private var held: [Any] = []

    mutating func int(_ v: Int) { raw(Int64(v).littleEndian) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    mutating func double(_ v: Double) { raw(v.bitPattern.littleEndian) }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    /// Marker 0: the count and the elements' bytes follow; 1: the index of an array written before
    /// that shares this one's storage.
    mutating func array<T: BitwiseCopyable>(_ a: [T]) {
        a.withUnsafeBytes { src in
            if a.count > 0, let base = src.baseAddress {
                if let earlier = written[base] {
                    bytes.append(1)
                    int(earlier)
                    return
                }
                written[base] = written.count
                held.append(a)
            }
            bytes.append(0)
            int(a.count)
            bytes.append(contentsOf: src)
        }
    }

    private mutating func raw<T: BitwiseCopyable>(_ v: T) {
        withUnsafeBytes(of: v) { bytes.append(contentsOf: $0) }
    }
}

/// Reads what `ArchiveWriter` wrote, checking every count against the bytes left: a damaged file
/// gives a `DataArchiveError`, never a crash.
struct ArchiveReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0
    /// Arrays read so far that a later one may refer to, in `ArchiveWriter.array`'s order.
    private var shared: [Any] = []

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int() throws(DataArchiveError) -> Int {
        Int(Int64(littleEndian: try raw(Int64.self)))
    }

    /// A count or index: not negative.
    mutating func count() throws(DataArchiveError) -> Int {
        let n = try int()
        guard n >= 0 else { throw DataArchiveError(.corrupt, "negative count \(n) at byte \(offset - 8)") }
        return n
    }

    mutating func bool() throws(DataArchiveError) -> Bool {
        let b = try raw(UInt8.self)
        guard b <= 1 else { throw DataArchiveError(.corrupt, "boolean byte \(b) at byte \(offset - 1)") }
        return b == 1
    }

    mutating func double() throws(DataArchiveError) -> Double {
        Double(bitPattern: UInt64(littleEndian: try raw(UInt64.self)))
    }

    mutating func string() throws(DataArchiveError) -> String {
        let n = try count()
        try need(n)
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
        offset += n
        return s
    }

    /// For element types with invalid bit patterns (a Bool field), `valid` checks the raw bytes
    /// before they become elements; enums are read field by field instead.
    mutating func array<T: BitwiseCopyable>(_: T.Type, valid: (UnsafeRawBufferPointer) -> Bool = { _ in true })
        throws(DataArchiveError) -> [T] {
        let marker = try raw(UInt8.self)
        switch marker {
        case 0:
            let n = try count()
            let (size, overflow) = n.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
            guard !overflow else { throw DataArchiveError(.corrupt, "array of \(n) elements at byte \(offset)") }
            try need(size)
            let start = offset
            guard valid(UnsafeRawBufferPointer(rebasing: bytes[start..<start + size])) else {
                throw DataArchiveError(.corrupt, "invalid \(T.self) values at byte \(start)")
            }
            let a = [T](unsafeUninitializedCapacity: n) { dst, initialized in
                if let d = dst.baseAddress, let s = bytes.baseAddress {
                    UnsafeMutableRawPointer(d).copyMemory(from: s + start, byteCount: size)
                }
                initialized = n
            }
            offset += size
            if n > 0 { shared.append(a) }
            return a
        case 1:
            let index = try count()
            guard index < shared.count, let a = shared[index] as? [T] else {
                throw DataArchiveError(.corrupt, "reference to array \(index) of \(shared.count) at byte \(offset)")
            }
            return a
        default:
            throw DataArchiveError(.corrupt, "array marker \(marker) at byte \(offset - 1)")
        }
    }

    private mutating func raw<T: BitwiseCopyable>(_: T.Type) throws(DataArchiveError) -> T {
        let size = MemoryLayout<T>.size
        try need(size)
        let v = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += size
        return v
    }

    mutating func skip(_ n: Int) throws(DataArchiveError) {
        try need(n)
        offset += n
    }

    private func need(_ n: Int) throws(DataArchiveError) {
        guard n <= bytes.count - offset else {
            throw DataArchiveError(.truncated, "\(n) bytes needed at byte \(offset) of \(bytes.count)")
        }
    }
}
