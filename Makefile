# landcat — the README's two commands are `make run` and `make test`.
GO ?= go
BIN ?= bin/landcat

.PHONY: run test build vet bench vendor clean

run: ## serve the API on :8080 with the embedded SQLite database and the demo catalogue
	$(GO) run ./cmd/landcat serve

test: ## vet and run every test (PostgreSQL tests need LANDCAT_TEST_DATABASE_URL; .ci/run sets it)
	$(GO) vet ./...
	$(GO) test -count=1 ./...

build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/landcat

bench: ## the Go benchmarks behind the README's Performance section
	$(GO) test -run '^$$' -bench . -benchmem ./...

vendor: ## refresh MapLibre GL JS in internal/web/assets/vendor from npm (needs npm; go build never does)
	bash .ci/tools/vendor-maplibre.sh

clean:
	rm -rf bin landcat.db landcat.db-wal landcat.db-shm
