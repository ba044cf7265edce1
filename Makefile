# Hesabat build. `make run` builds, indexes the embedded report and serves
# http://localhost:8080; `make test` runs every test.
GO      ?= go
BIN     ?= bin/hesabat
ADDR    ?= 127.0.0.1:8080
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
ECHARTS := web/static/vendor/echarts.min.js

.PHONY: all build run test test-short vet imports bench fuzz assets clean

all: build

# ECharts comes from npm at the version pinned in package.json/package-lock.json
# and is embedded in the binary (web/static/vendor is not committed).
assets: $(ECHARTS)

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
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

imports:
	$(GO) test -run TestImportDirections ./cmd/hesabat

test: assets vet
	$(GO) test -race -count=1 -timeout 30m ./...

test-short: assets
	$(GO) test -short -count=1 ./...

bench: assets
	$(GO) test -run '^$$' -bench . -benchmem -count=1 -timeout 60m ./...

clean:
	rm -rf bin web/static/vendor
