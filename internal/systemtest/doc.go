// Package systemtest runs landcat as it is deployed and breaks it from the
// outside: a private PostgreSQL/PostGIS cluster (its own data directory and
// port, never the machine's shared server), three `landcat serve` replicas
// on it and HAProxy in front, under a bounded mixed load of reads and
// officers' writes while replicas are killed, paused and restarted,
// PostgreSQL is stopped and restarted and the change-feed connections are
// cut. Everything it asserts is seen over HTTP.
//
// TestSystem is the short form that CI runs (about a minute). TestSoak is
// the long form, run by hand:
//
//	LANDCAT_SOAK=10m go test -run TestSoak -v -timeout 30m ./internal/systemtest
//
// (or make soak). Both need PostgreSQL 15 server binaries (initdb, pg_ctl;
// LANDCAT_PG_BIN overrides /usr/lib/postgresql/15/bin), PostGIS for them,
// and haproxy; bash .ci/run installs them. Without them the tests skip,
// except under CI=true, where they fail.
package systemtest
