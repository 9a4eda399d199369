import Foundation

/// The GNU build ID of the running executable (the linker's hash of its contents, in an ELF note).
/// Why: a cache of compiled data is valid only for the code that compiled it, and two builds of
/// different code never share a build ID, while a copy of the same binary keeps it.
enum ExecutableBuildID {
    /// Read from `/proc/self/exe`'s program headers; nil when there is no such note or the file
    /// is not a 64-bit little-endian ELF.
    static func current() -> [UInt8]? {
        guard let exe = FileHandle(forReadingAtPath: "/proc/self/exe") else { return nil }
        defer { try? exe.close() }
        func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            guard count >= 0, count <= 1 << 20, (try? exe.seek(toOffset: offset)) != nil,
                  let data = try? exe.read(upToCount: count), data.count == count else { return nil }
            return [UInt8](data)
        }
        // ELF header: magic, class 2 (64-bit), data 1 (little-endian); e_phoff at 32, e_phentsize at 54, e_phnum at 56.
        guard let header = read(0, 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1 else { return nil }
        let phoff = UInt64(le: header, 32, 8), entrySize = Int(UInt64(le: header, 54, 2)), entries = Int(UInt64(le: header, 56, 2))
        guard entrySize >= 56, let table = read(phoff, entrySize * entries) else { return nil }
        for k in 0..<entries {
            let at = k * entrySize
            // PT_NOTE (4): the notes are p_filesz (at 32) bytes from p_offset (at 8).
            guard UInt64(le: table, at, 4) == 4,
                  let notes = read(UInt64(le: table, at + 8, 8), Int(UInt64(le: table, at + 32, 8))) else { continue }
            if let id = buildID(inNotes: notes) { return id }
        }
        return nil
    }

    /// Notes are namesz, descsz, type (4 bytes each), the name and the descriptor, each padded to 4
    /// bytes; the build ID is type 3 (NT_GNU_BUILD_ID) named "GNU".
    static func buildID(inNotes notes: [UInt8]) -> [UInt8]? {
        var at = 0
        while at + 12 <= notes.count {
            let nameSize = Int(UInt64(le: notes, at, 4)), descSize = Int(UInt64(le: notes, at + 4, 4))
            let type = UInt64(le: notes, at + 8, 4)
            let name = at + 12, desc = name + (nameSize + 3) & ~3
            let next = desc + (descSize + 3) & ~3
            guard next <= notes.count else { return nil }
            if type == 3, nameSize == 4, notes[name..<name + 4] == [0x47, 0x4E, 0x55, 0], descSize > 0 {
                return Array(notes[desc..<desc + descSize])
            }
            at = next
        }
        return nil
    }
}

private extension UInt64 {
    /// The `count`-byte little-endian number at `offset` of `bytes` (in bounds: callers read fixed-size headers).
    init(le bytes: [UInt8], _ offset: Int, _ count: Int) {
        var v: UInt64 = 0
        for k in stride(from: count - 1, through: 0, by: -1) where offset + k < bytes.count {
            v = v << 8 | UInt64(bytes[offset + k])
        }
        self = v
    }
}
