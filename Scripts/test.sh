#!/usr/bin/env bash
# `make test`: unit tests plus integration tests against a real broker (tansu) started here and
# stopped by PID on exit, also when a test fails.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
articled=${1:-$here/.build/release/articled}
state=$(mktemp -d /tmp/articled-test.XXXXXX)
trap '"$here/Scripts/broker.sh" stop "$state"; rm -rf "$state"' EXIT

broker=$("$here/Scripts/broker.sh" start "$state")
echo "test broker (tansu) on $broker"
export ARTICLED_TEST_BROKER=$broker
export ARTICLED_TEST_BROKER_STATE=$state
export ARTICLED_BIN=$articled
cd "$here"
# ARTICLED_TEST_FILTER: a swift-testing filter (regex over suite/test names), e.g. `make reliability`.
swift test ${ARTICLED_TEST_FILTER:+--filter "$ARTICLED_TEST_FILTER"}
