# Hesabat build. `make run` builds, indexes the embedded report and serves
# http://localhost:8080; `make test` runs every test.
GO      ?= go
BIN     ?= bin/hesabat
ADDR    ?= 127.0.0.1:8080
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
ECHARTS := web/static/vendor/echarts.min.js
AXE     := node_modules/axe-core/axe.min.js

.PHONY: all build run test test-short vet imports bench fuzz fuzz-short load assets clean

all: build

# ECharts comes from npm at the version pinned in package.json/package-lock.json
# and is embedded in the binary (web/static/vendor is not committed).
assets: $(ECHARTS) $(AXE)

# axe-core (a dev dependency) is injected into pages by the browser tests.
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ECHARTS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $@)
	cp node_modules/echarts/dist/echarts.min.js $@

build: assets
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/hesabat

run: build
	$(BIN) serve --addr $(ADDR)

vet:
	$(GO) vet ./...
	$(GO) vet -tags hesabat_publicapi ./search/...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

imports:
	$(GO) test -run TestImportDirections ./cmd/hesabat

# Browser tests save screenshots of the main pages here for reviewers (not committed).
SCREENSHOTS ?= $(CURDIR)/screenshots

# The search tests run a second time built with the tag hesabat_publicapi,
# which leaves out search's scorch postings reader: search must pass on
# bleve's public index-reader API alone (search/internal/postings).
test: assets vet fuzz-short
	HESABAT_SCREENSHOTS=$(SCREENSHOTS) $(GO) test -race -count=1 -timeout 30m ./...
	$(GO) test -tags hesabat_publicapi -count=1 -timeout 30m ./search/...

test-short: assets
	$(GO) test -short -count=1 ./...

# Benchmarks at scale: N = 1000 reports (64,000 measures) only under make bench.
BENCH_MAX_N ?= 1000
bench: assets
	HESABAT_BENCH_MAX_N=$(BENCH_MAX_N) $(GO) test -run '^$$' -bench . -benchmem -count=1 -timeout 60m ./...

# Every Fuzz target of the module, as "dir:FuzzName" (found in *_test.go files).
FUZZ_TARGETS = $(shell grep -rl --include='*_test.go' '^func Fuzz' --exclude-dir=node_modules . | \
	xargs -r grep -o -H '^func Fuzz[A-Za-z0-9_]*' | sed 's|^\./||; s|/[^/]*_test.go:func |:|' | sort -u)
# FUZZTIME_SHORT counts executions, not seconds: with a duration, Go 1.26's
# fuzz coordinator can fail a target with a bare "context deadline exceeded"
# when the time runs out (golang/go#75804, fixed in Go 1.27), and make test
# must not fail on that. 3000 executions take 1-10 s per target here.
FUZZTIME_SHORT ?= 3000x
FUZZTIME ?= 5m

# fuzz-short runs every Fuzz target for FUZZTIME_SHORT (seed corpus under testdata/); make test runs it.
fuzz-short:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%%:*} $${t##*:} for $(FUZZTIME_SHORT)"; \
		$(GO) test -run '^$$' -fuzz "^$${t##*:}$$" -fuzztime $(FUZZTIME_SHORT) ./$${t%%:*}; \
	done

# fuzz runs every Fuzz target for FUZZTIME.
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%%:*} $${t##*:} for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${t##*:}$$" -fuzztime $(FUZZTIME) ./$${t%%:*}; \
	done

# load runs the load test during repeated re-indexing: LOAD_DURATION at LOAD_RATE req/s over LOAD_N reports.
LOAD_DURATION ?= 30s
LOAD_RATE ?= 100
LOAD_N ?= 5
load:
	HESABAT_LOAD_DURATION=$(LOAD_DURATION) HESABAT_LOAD_RATE=$(LOAD_RATE) HESABAT_LOAD_N=$(LOAD_N) \
		$(GO) test -count=1 -run '^TestLoadDuringReindex$$' -v ./web

# 2,000 concurrent connections on loopback against admission control.
load-admission:
	HESABAT_LOAD_CONNS=2000 $(GO) test -count=1 -run '^TestAdmissionLoad$$' -v ./web

clean:
	rm -rf bin web/static/vendor
