# articled — two commands on a fresh Debian 12 machine:
#   make run    build, start a local broker, feed the samples, show enriched output
#   make test   unit + integration tests against a real (tansu) broker
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The project-local librdkafka (Scripts/deps-librdkafka.sh); when the system one is >= 2.2 this
# directory stays empty and pkg-config falls back to the system.
export PKG_CONFIG_PATH := $(CURDIR)/.deps/pkgconfig
ARTICLED := $(CURDIR)/.build/release/articled

PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR ?=

.PHONY: help deps build run test reliability reliability-scale fuzz bench bench-stages install clean

help:
	@echo "make run    build, start a local broker, feed samples, print enriched records"
	@echo "make test   unit and integration tests (starts its own broker), then 60 s of fuzzing"
	@echo "make reliability  the reliability scenarios (Deploy/RELIABILITY.md) against a real broker"
	@echo "make reliability-scale  their scale runs: 100 000 hostile records, 1 M backlog, 1 M crash loop"
	@echo "make fuzz   libFuzzer + ASan over the decoder and every stage (FUZZ_SECONDS=300)"
	@echo "make build  release build of articled (and its librdkafka) only"
	@echo "make bench  end to end on a local broker: passthrough, full pipeline, Python peer, latency"
	@echo "make bench-stages  per-stage and stage-chain micro-benchmarks (package-benchmark)"
	@echo "make install [PREFIX=/usr/local] [DESTDIR=]  binary, stage data, systemd units, example config"

deps:
	@Scripts/deps-librdkafka.sh >/dev/null
	@Scripts/broker.sh install

build: deps
	swift build -c release --product articled --static-swift-stdlib

run: build
	@Scripts/demo.sh "$(ARTICLED)"

# Every test, then a short coverage-guided fuzz run (libFuzzer + ASan over the decoder and each
# stage, TEST_FUZZ_SECONDS, fresh corpus from the samples): a crash or hang fails the target.
TEST_FUZZ_SECONDS ?= 60
test: build
	@Scripts/test.sh "$(ARTICLED)"
	@FUZZ_SECONDS=$(TEST_FUZZ_SECONDS) FUZZ_CORPUS="$$(mktemp -d)" Scripts/fuzz.sh

# The scenarios of Deploy/RELIABILITY.md that exist so far (their smoke sizes also run in `make test`).
reliability: build
	@ARTICLED_TEST_FILTER='killedDaemonLosesNothing|threeInstancesSurvive|BrokerFault|hangingStage|aPlantedSecret|HostileInput|cleanRunPublishesEveryArticle|deadLetterTooLarge|ExactlyOnce' \
	  Scripts/test.sh "$(ARTICLED)"
	@Deploy/verify-units.sh

# The scale runs of Deploy/RELIABILITY.md (tens of minutes each; SCALE_COUNT to shrink them).
reliability-scale: build
	Scripts/reliability-scale.sh hostile "$(ARTICLED)"
	Scripts/reliability-scale.sh backlog "$(ARTICLED)"
	Scripts/reliability-scale.sh crashloop "$(ARTICLED)"

# A separate package (Fuzz/Package.swift): its target has no main and needs -sanitize=fuzzer.
fuzz: deps
	@Scripts/fuzz.sh

bench: build
	@Scripts/bench.sh "$(ARTICLED)"

# A separate package (Benchmarks/Package.swift), so package-benchmark never enters the default build.
bench-stages: deps
	swift package --package-path Benchmarks benchmark

# Deploy/README.md describes what lands where. Existing configuration and credentials are kept.
install: build
	install -D -m 0755 .build/release/articled $(DESTDIR)$(PREFIX)/bin/articled
	for module in Data/*/; do \
	  name=$$(basename $$module); \
	  install -d $(DESTDIR)$(PREFIX)/share/articled/$$name; \
	  cp -R $$module. $(DESTDIR)$(PREFIX)/share/articled/$$name/; \
	done
	install -d $(DESTDIR)$(PREFIX)/lib/systemd/system
	sed 's#/usr/local/bin/articled#$(PREFIX)/bin/articled#; s#/etc/articled#$(SYSCONFDIR)/articled#g' \
	  Deploy/systemd/articled@.service > $(DESTDIR)$(PREFIX)/lib/systemd/system/articled@.service
	install -m 0644 Deploy/systemd/articled.target $(DESTDIR)$(PREFIX)/lib/systemd/system/articled.target
	install -D -m 0644 Deploy/README.md $(DESTDIR)$(PREFIX)/share/doc/articled/README.md
	install -D -m 0644 Config/schema/enriched-article.schema.json $(DESTDIR)$(PREFIX)/share/doc/articled/enriched-article.schema.json
	install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/articled
	[ -e $(DESTDIR)$(SYSCONFDIR)/articled/articled.yaml ] || install -m 0644 Config/articled.yaml $(DESTDIR)$(SYSCONFDIR)/articled/articled.yaml
	install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/articled/cleaning
	[ -e $(DESTDIR)$(SYSCONFDIR)/articled/cleaning/en.tsv ] || install -m 0644 Config/cleaning/en.tsv $(DESTDIR)$(SYSCONFDIR)/articled/cleaning/en.tsv
	install -d -m 0700 $(DESTDIR)$(SYSCONFDIR)/articled/credentials
	[ -e $(DESTDIR)$(SYSCONFDIR)/articled/credentials/kafka-sasl-password ] || install -m 0600 /dev/null $(DESTDIR)$(SYSCONFDIR)/articled/credentials/kafka-sasl-password
	@echo "installed into $(DESTDIR)$(PREFIX); next: systemctl daemon-reload && systemctl enable --now articled@1"

clean:
	rm -rf .build .deps .venv-broker .venv-peer Benchmarks/.build Fuzz/.build .fuzz-corpus
