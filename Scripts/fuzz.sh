#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing (libFuzzer + AddressSanitizer) of the decoder and every
# stage (Fuzz/Sources/ArticleFuzz). Seeds: Config/samples. Findings are written to Fuzz/ as
# crash-*/timeout-* files; reproduce one with `Fuzz/.build/release/ArticleFuzz FILE`.
#   FUZZ_SECONDS=300 (default)   FUZZ_CORPUS=dir (kept between runs; default .fuzz-corpus/)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-300}
corpus=${FUZZ_CORPUS:-$here/.fuzz-corpus}
export PKG_CONFIG_PATH=$here/.deps/pkgconfig
swift build -c release --package-path "$here/Fuzz" --scratch-path "$here/Fuzz/.build" --product ArticleFuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
mkdir -p "$corpus"
cp -n "$here"/Config/samples/*.json "$here"/Config/samples/*.txt "$corpus"/ 2>/dev/null || true
cd "$here/Fuzz"
# The Swift runtime's backtracer would hide the report behind its own (sanitized) memory reads.
SWIFT_BACKTRACE=enable=no exec .build/release/ArticleFuzz -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=4096 -max_len=65536 "$corpus"
