# embedarchive: build, run and test.
#
#   make run    archive the sample article into the embedded store and show it
#   make test   install what the tests need, start it, run every test
#   make build  build the CLI into bin/
#   make local  start the Docker-free stack (moto_server + embedarchive setup)
#   make local-invoke FN=ArchiveFunction EVENT=events/s3-put.json
#               run a built function under aws-lambda-rie against it
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

.PHONY: all run build test vet test-tools clean eval chromium
.PHONY: build-ArchiveFunction build-QueryFunction build-RecheckFunction local local-stop local-invoke local-drain lambda-rie

all: build

## build: the CLI, for this machine
build: $(CLI)

$(CLI): $(GOFILES) go.mod go.sum
	@mkdir -p $(BIN)
	CGO_ENABLED=0 $(GO) build -trimpath -o $@ ./cmd/embedarchive

## run: the main job on the embedded default, on the sample article
# Offline, the post fetches end as recorded errors within the short budget
# and the article stays "incomplete"; running it again completes it.
run: $(CLI)
	$(CLI) archive --fetch-timeout 5s $(SAMPLE)
	@echo
	$(CLI) query --article $(SAMPLE)

## test: every test the code has, with what they need installed and started
test: test-tools vet
	scripts/with-moto.sh $(GO) test -count=1 ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go') 2>/dev/null); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

## test-tools: installs what the tests need, if missing
test-tools: lambda-rie chromium
	@command -v cfn-lint >/dev/null || pip install --quiet cfn-lint
	cfn-lint template.yaml

## chromium: Debian's chromium and chromedriver, for the viewer's headless
## browser test (internal/web), installed only if missing
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  echo "installing Debian packages chromium chromium-driver" >&2; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

clean:
	rm -rf $(BIN)

# ---- Lambda functions (SAM) ------------------------------------------------
#
# `sam build` runs build-<LogicalId> (Metadata: BuildMethod: makefile) with
# ARTIFACTS_DIR set, and expects $(ARTIFACTS_DIR)/bootstrap. ARCH follows the
# template (arm64); local targets pass the host's.

ARCH        ?= arm64
HOST_ARCH   := $(shell $(GO) env GOARCH)
LAMBDA_GO   := CGO_ENABLED=0 GOOS=linux GOARCH=$(ARCH) $(GO) build -trimpath -tags lambda.norpc -ldflags '-s -w'
RIE_VERSION := v0.0.0-20261030222936-bef5c4ba774d

define lambda-build
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is unset (sam build sets it)" >&2; exit 2; }
	@mkdir -p "$(ARTIFACTS_DIR)"
	$(LAMBDA_GO) -o "$(ARTIFACTS_DIR)/bootstrap" ./functions/$(1)
endef

build-ArchiveFunction:
	$(call lambda-build,archive)

build-QueryFunction:
	$(call lambda-build,query)

build-RecheckFunction:
	$(call lambda-build,recheck)

## lambda-rie: the Lambda runtime interface emulator, if missing
lambda-rie:
	@command -v aws-lambda-rie >/dev/null || $(GO) install github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@$(RIE_VERSION)

# ---- Docker-free local stack -----------------------------------------------

LOCAL          := .local
LOCAL_PORT     ?= 5000
LOCAL_ENDPOINT := http://127.0.0.1:$(LOCAL_PORT)
LOCAL_ENV      := AWS_ENDPOINT_URL=$(LOCAL_ENDPOINT) AWS_REGION=$${AWS_REGION:-us-east-1} \
                  AWS_ACCESS_KEY_ID=$${AWS_ACCESS_KEY_ID:-testing} AWS_SECRET_ACCESS_KEY=$${AWS_SECRET_ACCESS_KEY:-testing} \
                  ARCHIVE_TABLE=$${ARCHIVE_TABLE:-embedarchive} SNAPSHOT_BUCKET=$${SNAPSHOT_BUCKET:-embedarchive-snapshots} \
                  ARTICLE_BUCKET=$${ARTICLE_BUCKET:-embedarchive-articles}
FN             ?= ArchiveFunction
EVENT          ?= events/s3-put.json

## local: start moto_server on 127.0.0.1:$(LOCAL_PORT) and create the table, buckets and queue; leaves it running
local: $(CLI)
	@command -v moto_server >/dev/null || pip install --quiet 'moto[server]'
	@mkdir -p $(LOCAL)
	@if curl -fsS $(LOCAL_ENDPOINT)/moto-api/ >/dev/null 2>&1; then \
	  echo "moto_server already answers on $(LOCAL_ENDPOINT)"; \
	else \
	  nohup moto_server -H 127.0.0.1 -p $(LOCAL_PORT) >$(LOCAL)/moto.log 2>&1 & echo $$! >$(LOCAL)/moto.pid; \
	  for i in $$(seq 1 100); do curl -fsS $(LOCAL_ENDPOINT)/moto-api/ >/dev/null 2>&1 && break; sleep 0.1; done; \
	  echo "moto_server on $(LOCAL_ENDPOINT) (pid $$(cat $(LOCAL)/moto.pid), log $(LOCAL)/moto.log)"; \
	fi
	$(LOCAL_ENV) $(CLI) setup
	@# The queue the articles bucket notifies, as in AWS (make local-drain empties it).
	python3 scripts/local-queue.py $(LOCAL_ENDPOINT) $${ARTICLE_BUCKET:-embedarchive-articles} embedarchive-articles >$(LOCAL)/queue-url
	@echo "queue $$(cat $(LOCAL)/queue-url)"
	@# The object events/s3-put.json names, so that local-invoke has an article to read.
	curl -fsS -X PUT --data-binary @$(SAMPLE) -H 'Content-Type: text/html; charset=utf-8' \
	  "$(LOCAL_ENDPOINT)/embedarchive-articles/articles/harbour%20night%20ferry%20%C3%A9dition.html" >/dev/null
	@echo "stack ready on $(LOCAL_ENDPOINT); the CLI and SDK reach it with AWS_ENDPOINT_URL=$(LOCAL_ENDPOINT)"

## local-stop: stop the moto_server that `make local` started
local-stop:
	@if [ -f $(LOCAL)/moto.pid ]; then kill $$(cat $(LOCAL)/moto.pid) 2>/dev/null || true; rm -f $(LOCAL)/moto.pid; echo "moto_server stopped"; fi

## local-drain: hand what the local queue holds to ArchiveFunction under aws-lambda-rie, as Lambda's SQS trigger would
local-drain: $(CLI) lambda-rie
	$(MAKE) --no-print-directory build-ArchiveFunction ARCH=$(HOST_ARCH) ARTIFACTS_DIR=$(CURDIR)/$(LOCAL)/ArchiveFunction
	$(LOCAL_ENV) $(CLI) invoke --bootstrap $(LOCAL)/ArchiveFunction/bootstrap --template template.yaml --queue $$(cat $(LOCAL)/queue-url) ArchiveFunction

## local-invoke: build FN for this machine and run it under aws-lambda-rie with EVENT and the template's environment
local-invoke: $(CLI) lambda-rie
	$(MAKE) --no-print-directory build-$(FN) ARCH=$(HOST_ARCH) ARTIFACTS_DIR=$(CURDIR)/$(LOCAL)/$(FN)
	$(LOCAL_ENV) $(CLI) invoke --bootstrap $(LOCAL)/$(FN)/bootstrap --template template.yaml $(FN) $(EVENT)

## eval: score quote extraction on the PolNeAR dev set (../shared; not part of make test)
eval:
	scripts/eval.sh
