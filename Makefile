# articled — two commands on a fresh Debian 12 machine:
#   make run    build, start a local broker, feed the samples, show enriched output
#   make test   unit + integration tests against a real (tansu) broker
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The project-local librdkafka (Scripts/deps-librdkafka.sh); when the system one is >= 2.2 this
# directory stays empty and pkg-config falls back to the system.
export PKG_CONFIG_PATH := $(CURDIR)/.deps/pkgconfig
ARTICLED := $(CURDIR)/.build/release/articled

.PHONY: help deps build run test bench clean

help:
	@echo "make run    build, start a local broker, feed samples, print enriched records"
	@echo "make test   unit and integration tests (starts its own broker)"
	@echo "make build  release build of articled (and its librdkafka) only"
	@echo "make bench  passthrough throughput benchmark on a local broker"

deps:
	@Scripts/deps-librdkafka.sh >/dev/null
	@Scripts/broker.sh install

build: deps
	swift build -c release --product articled --static-swift-stdlib

run: build
	@Scripts/demo.sh "$(ARTICLED)"

test: build
	@Scripts/test.sh "$(ARTICLED)"

bench: build
	@Scripts/bench-passthrough.sh "$(ARTICLED)"

clean:
	rm -rf .build .deps .venv-broker
