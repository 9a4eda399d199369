#!/usr/bin/env bash
# Provides librdkafka >= 2.2 for the build, idempotently.
#
# Why: Debian 12 ships librdkafka 2.0.2, whose KIP-482 tagged-field parsing is broken, so it cannot
# talk to brokers that send tagged fields (tansu does). When the system library is already >= 2.2
# (Debian 13, Ubuntu 24.04) we use it; otherwise we build Debian 13's source package into a
# project-local prefix and link it *statically*, so the binary never picks up the system 2.0.2 at
# run time and nothing outside this checkout is shadowed.
#
# Prints the PKG_CONFIG_PATH to use (empty when the system library is good enough).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
version=2.8.0
prefix="$here/.deps/librdkafka-$version"
pcdir="$here/.deps/pkgconfig"
stamp="$prefix/.built"

log() { echo "deps-librdkafka: $*" >&2; }

. "$here/Scripts/lib.sh"

version_ok() { # $1 = dotted version, true when >= 2.2
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  [ "${major:-0}" -gt 2 ] || { [ "${major:-0}" -eq 2 ] && [ "${minor:-0}" -ge 2 ]; }
}

if [ "${ARTICLED_SYSTEM_RDKAFKA:-auto}" != no ] && PKG_CONFIG_PATH= pkg-config --exists rdkafka 2>/dev/null \
   && version_ok "$(PKG_CONFIG_PATH= pkg-config --modversion rdkafka)"; then
  log "using system librdkafka $(pkg-config --modversion rdkafka)"
  exit 0
fi

write_pc() {
  # A pkg-config file that links the static archive, so the binary carries librdkafka inside it.
  mkdir -p "$pcdir"
  cat > "$pcdir/rdkafka.pc" <<PC
prefix=$prefix
includedir=\${prefix}/include
libdir=\${prefix}/lib

Name: librdkafka
Description: librdkafka $version, static, built by Scripts/deps-librdkafka.sh
Version: $version
Cflags: -I\${includedir}
Libs: -L\${libdir} -l:librdkafka.a -lssl -lcrypto -lzstd -llz4 -lz -lpthread -lm -ldl
PC
}

# The static archive needs these at link time even when the archive itself is cached.
link_deps=(pkg-config libssl-dev libzstd-dev liblz4-dev zlib1g-dev)

if [ -f "$stamp" ]; then
  ensure_packages "${link_deps[@]}"
  write_pc; echo "$pcdir"; exit 0
fi

src_list=/etc/apt/sources.list.d/articled-trixie-src.list
update_first=0
if [ ! -f "$src_list" ]; then
  # Reuse the mirror host the machine's own apt sources already point at.
  mirror=$( { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } \
           | grep -E '^(URIs:|deb )' | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security \
           | head -n1 | tr -d ' ' | sed 's#/$##' || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  log "adding deb-src for trixie from $mirror (source packages only)"
  echo "deb-src $mirror trixie main" | as_root tee "$src_list" >/dev/null
  update_first=1
fi
ensure_packages build-essential dpkg-dev python3 "${link_deps[@]}"

work="$here/.deps/src"
mkdir -p "$work"
tarball="$work/librdkafka_$version.orig.tar.gz"
if [ ! -f "$tarball" ]; then
  log "downloading Debian source package librdkafka $version"
  (cd "$work" && { apt-get source --download-only "librdkafka=$version-*" >&2 2>/dev/null \
     || apt-get source --download-only librdkafka >&2; })
  [ -f "$tarball" ] || { log "expected $tarball after apt-get source"; exit 1; }
fi
rm -rf "$work/librdkafka-$version"
tar -C "$work" -xzf "$tarball"
log "building librdkafka $version into $prefix (about a minute)"
(
  cd "$work/librdkafka-$version"
  ./configure --prefix="$prefix" --disable-curl --disable-gssapi >&2
  make -j"$(nproc)" libs >&2
  make install-subdirs >&2
)

write_pc
touch "$stamp"
rm -rf "$work/librdkafka-$version"
echo "$pcdir"
