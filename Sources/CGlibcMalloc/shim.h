// glibc's <malloc.h> tuning and statistics, which Swift's Glibc module does not import.
// Elsewhere (macOS, musl) the functions are no-ops that report nothing.
#ifndef ARTICLED_CGLIBCMALLOC_SHIM_H
#define ARTICLED_CGLIBCMALLOC_SHIM_H

#include <stddef.h>
#include <stdint.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Caps glibc's malloc arenas (M_ARENA_MAX); returns 0 when not supported.
static inline int articled_malloc_set_arena_max(int count) {
#if defined(__GLIBC__)
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return 0;
#endif
}

/// Fixes glibc's mmap threshold (M_MMAP_THRESHOLD; this also stops its dynamic growth up to
/// 32 MiB, so large transient buffers keep being mapped and unmapped); 0 when not supported.
static inline int articled_malloc_set_mmap_threshold(int bytes) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}

/// Returns free pages inside malloc's arenas to the kernel (malloc_trim(0)); 1 if any were released.
static inline int articled_malloc_trim(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

/// Heap bytes handed out by malloc, held free inside its arenas, and mapped for large blocks.
/// All zero when not available.
typedef struct {
    uint64_t in_use;
    uint64_t free;
    uint64_t mapped;
} articled_heap_stats;

static inline articled_heap_stats articled_malloc_heap_stats(void) {
    articled_heap_stats stats = {0, 0, 0};
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 info = mallinfo2();
    stats.in_use = info.uordblks + info.hblkhd;
    stats.free = info.fordblks;
    stats.mapped = info.hblkhd;
#endif
    return stats;
}

#endif
