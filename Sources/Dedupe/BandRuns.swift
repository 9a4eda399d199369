/// What a check learnt about the article's LSH band runs, handed to the insert that follows it
/// under the same lock (`IndexState.checkAndInsert`). In the sample mix most band values are
/// shared by `IndexState.bandValueCap` stored articles already, and the insert used to walk each
/// such run again only to find it full and refuse the slot (a quarter of the full index's check +
/// insert). `sizes[band]` is the number of cells under the article's key of that band (-1: not
/// walked); evictions between the check and the insert lower it for each cell they take out of
/// the run, so it is exact when the insert reads it.
struct BandRuns {
    let keys: UnsafeMutableBufferPointer<UInt64>
    let sizes: UnsafeMutableBufferPointer<Int>

    /// A removed cell under `key` shortens every run of the article with the same tag.
    func removed(key: UInt64) {
        for band in keys.indices where sizes[band] > 0 && SlotMultimap.sameTag(keys[band], key) {
            sizes[band] -= 1
        }
    }

    /// A cell the insert put under `band`'s key lengthens the later bands' runs of the same tag.
    func inserted(band: Int, key: UInt64) {
        var later = band + 1
        while later < keys.count {
            if sizes[later] >= 0, SlotMultimap.sameTag(keys[later], key) { sizes[later] += 1 }
            later += 1
        }
    }

    /// The run size `check` counted for `key` in `band`, when it is this key's.
    func size(band: Int, key: UInt64) -> Int? {
        guard band < keys.count, keys[band] == key, sizes[band] >= 0 else { return nil }
        return sizes[band]
    }
}
