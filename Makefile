# landcat — the README's two commands are `make run` and `make test`.
GO ?= go
BIN ?= bin/landcat

.PHONY: run test build image vet bench vendor clean

run: ## serve the API on :8080 with the embedded SQLite database and the demo catalogue
	$(GO) run ./cmd/landcat serve

test: ## vet and run every test (PostgreSQL tests need LANDCAT_TEST_DATABASE_URL; .ci/run sets it)
	$(GO) vet ./...
	$(GO) test -count=1 ./...

build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/landcat

image: ## the container image without Docker: an OCI layout in dist/oci and dist/landcat-oci.tar, tagged with git describe
	$(GO) run ./cmd/ociimage -o dist/oci -archive dist/landcat-oci.tar

bench: ## the Go benchmarks behind the README's Performance section
	$(GO) test -run '^$$' -bench . -benchmem ./...

vendor: ## refresh MapLibre GL JS in internal/web/assets/vendor from npm (needs npm; go build never does)
	bash .ci/tools/vendor-maplibre.sh

clean:
	rm -rf bin dist landcat.db landcat.db-wal landcat.db-shm
