# landcat — the README's two commands are `make run` and `make test`.
GO ?= go
BIN ?= bin/landcat

.PHONY: run test build image vet bench fuzz soak vendor basemap glyphs clean

run: ## serve the API on :8080 with the embedded SQLite database and the demo catalogue
	$(GO) run ./cmd/landcat serve

test: ## vet, run every test, then a short run of every fuzz target (PostgreSQL tests need LANDCAT_TEST_DATABASE_URL; .ci/run sets it)
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz

FUZZTIME ?= 8s
# Go 1.26's fuzzing coordinator can report "context deadline exceeded" when
# -fuzztime ends while a worker is busy, with no failing input (fixed in
# Go 1.27): such a run is tried again, up to three times; a failing input
# always fails.
fuzz: ## every fuzz target for FUZZTIME each (make fuzz FUZZTIME=10m for a long run); the seed corpora also run in plain go test
	@for pkg in $$($(GO) list ./internal/...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$target ($$pkg, $(FUZZTIME))"; \
	    for try in 1 2 3; do \
	      $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg > /tmp/landcat-fuzz.log 2>&1 && break; \
	      if grep -q 'context deadline exceeded' /tmp/landcat-fuzz.log && ! grep -q 'Failing input written' /tmp/landcat-fuzz.log && [ $$try -lt 3 ]; then \
	        echo "  the fuzzing coordinator's end-of-time race (go.dev/issue/75804, no failing input): again"; continue; fi; \
	      cat /tmp/landcat-fuzz.log; exit 1; \
	    done; \
	  done; \
	done

build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/landcat

image: ## the container image without Docker: an OCI layout in dist/oci and dist/landcat-oci.tar, tagged with git describe
	$(GO) run ./cmd/ociimage -o dist/oci -archive dist/landcat-oci.tar

bench: ## the Go benchmarks behind the README's Performance section
	$(GO) test -run '^$$' -bench . -benchmem ./...

soak: ## the 10-minute soak: 3 replicas behind HAProxy on a private PostgreSQL, faults injected (README, Operations)
	LANDCAT_SOAK=$${LANDCAT_SOAK:-10m} LANDCAT_SYSTEM_REPORT=$${LANDCAT_SYSTEM_REPORT:-$(CURDIR)/soak-report.txt} $(GO) test -count=1 -run TestSoak -v -timeout 40m ./internal/systemtest

vendor: ## refresh MapLibre GL JS in internal/web/assets/vendor from npm (needs npm; go build never does)
	bash .ci/tools/vendor-maplibre.sh

basemap: ## regenerate the embedded basemap (needs gmt, gmt-gshhg-full, gdal-bin and npm ci in .ci/tools; the output is committed)
	$(GO) run ./internal/basemap/internal/mkbasemap -out internal/basemap/data

glyphs: ## regenerate the map's label glyphs from Noto Sans (needs fonts-noto-core and fonts-noto-cjk; the output is committed)
	$(GO) run ./internal/web/internal/mkglyphs -out internal/web/assets/glyphs

clean:
	rm -rf bin dist landcat.db landcat.db-wal landcat.db-shm
