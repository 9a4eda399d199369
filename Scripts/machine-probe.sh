#!/bin/sh
# How much of a core and of memory this machine gives right now, to read CPU-time figures by.
# Usage: Scripts/machine-probe.sh [rounds]   (about a second a round; needs cc)
#
# Each round prints, from C loops compiled here:
#   clock      G adds/s of one dependent chain: one add a cycle, so the core's clock in GHz. A
#              shared core hardly slows it (one ALU is enough).
#   width      G adds/s of four independent chains: needs several ALUs a cycle, so it drops when
#              the core's other hardware thread (another tenant's vCPU on a cloud VM) is busy.
#              On the project's VM it ranged 3.2-8.9 while clock stayed at 2.8-2.9.
#   latency    ns per random read in a 2 MB and a 32 MB table (pointer chase, 4 KB pages): L3 and
#              memory as a hash-table probe of the stages sees them (17-230 and 180-450 ns there).
#   mispredict ns a mispredicted branch costs: a loop branching on random bits against the same
#              loop on zeros (half the random ones miss). ~7 ns (~28 cycles) on the 4.17 GHz
#              machine: the price of one data-dependent branch per token, which callgrind's
#              instruction counts do not show (Benchmarks/README.md, "Branches").
# Record it next to CPU-time figures (Benchmarks/README.md). It does not explain everything: on
# that VM the cleaner's bench switches between ~10.5 and ~16.5 us per article in spells, within
# one process too (`CleaningEval --bench-corpus ... --round-times`), with any probe reading;
# instruction counts (callgrind) are what compares builds there.
set -e
rounds=${1:-3}
work=$(mktemp -d /tmp/machine-probe.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat > "$work/probe.c" <<'C'
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double cpu(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static double chase(size_t bytes) {
    size_t n = bytes / sizeof(void *), *order = malloc(n * sizeof(size_t));
    void **cells = malloc(n * sizeof(void *));
    for (size_t i = 0; i < n; i++) order[i] = i;
    srand(7);
    for (size_t i = n - 1; i > 0; i--) { size_t j = (((size_t)rand() << 16) ^ (size_t)rand()) % (i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }
    for (size_t i = 0; i < n; i++) cells[order[i]] = &cells[order[(i + 1) % n]];
    void **p = &cells[order[0]];
    for (size_t i = 0; i < n; i++) p = (void **)*p;   /* warm */
    size_t steps = 2000000;
    double t0 = cpu();
    for (size_t i = 0; i < steps; i++) p = (void **)*p;
    double ns = (cpu() - t0) / steps * 1e9;
    if (!p) puts("");
    free(cells); free(order);
    return ns;
}
static double branchy(const uint8_t *bits, size_t n) {
    uint64_t acc = 0;
    double t0 = cpu();
    for (int round = 0; round < 4; round++)
        for (size_t i = 0; i < n; i++) {
            /* The empty asm keeps the branch a branch (no conditional move). */
            if (bits[i]) { __asm__ volatile("" : "+r"(acc)); acc += i; } else { acc ^= i; }
        }
    double t = cpu() - t0;
    if (acc == 1) puts("");
    return t;
}
static double mispredict(void) {
    size_t n = 1u << 22;
    uint8_t *random = malloc(n), *zeros = calloc(n, 1);
    srand(11);
    for (size_t i = 0; i < n; i++) random[i] = (uint8_t)(rand() & 1);
    double ns = (branchy(random, n) - branchy(zeros, n)) / (4.0 * n * 0.5) * 1e9;
    free(random); free(zeros);
    return ns;
}
int main(void) {
    uint64_t n = 200000000ULL, a = 1, b = 2, c = 3, d = 4, x = 1;
    double t0 = cpu();
    for (uint64_t i = 0; i < n; i += 8)
        __asm__ volatile("add $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0" : "+r"(x));
    double t1 = cpu();
    for (uint64_t i = 0; i < n; i += 4)
        __asm__ volatile("add $1,%0\n\tadd $1,%1\n\tadd $1,%2\n\tadd $1,%3" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
    double t2 = cpu();
    printf("clock %.2f  width %.2f  latency 2MB %.0f ns  32MB %.0f ns  mispredict %.1f ns\n",
           n / (t1 - t0) / 1e9, n / (t2 - t1) / 1e9, chase(2u << 20), chase(32u << 20), mispredict());
    return (int)((a + b + c + d + x) & 1) * 0;
}
C
cc -O2 -o "$work/probe" "$work/probe.c"
i=0
while [ "$i" -lt "$rounds" ]; do "$work/probe"; i=$((i + 1)); done
