# embedarchive: build, run and test.
#
#   make run    archive the sample article into the embedded store and show it
#   make test   install what the tests need, start it, run every test
#   make build  build the CLI into bin/
#
# Every target checks for its tools first and installs only what is missing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(shell go env GOPATH)/bin:/usr/local/go/bin:$(PATH)

GO        ?= go
BIN       := bin
CLI       := $(BIN)/embedarchive
SAMPLE    := examples/article.html
GOFILES   := $(shell find . -name '*.go' -not -path './.git/*' 2>/dev/null)

.PHONY: all run build test vet test-tools clean

all: build

## build: the CLI, for this machine
build: $(CLI)

$(CLI): $(GOFILES) go.mod go.sum
	@mkdir -p $(BIN)
	CGO_ENABLED=0 $(GO) build -trimpath -o $@ ./cmd/embedarchive

## run: the main job on the embedded default, on the sample article
run: $(CLI)
	$(CLI) extract $(SAMPLE)

## test: every test the code has, with what they need installed and started
test: test-tools vet
	scripts/with-moto.sh $(GO) test -count=1 ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go') 2>/dev/null); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

## test-tools: installs what the tests need, if missing
test-tools:
	@command -v cfn-lint >/dev/null || pip install --quiet cfn-lint
	cfn-lint template.yaml

clean:
	rm -rf $(BIN)
