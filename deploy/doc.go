// Package deploy holds landcat's deployment files: the Dockerfile, the
// compose file, the Kubernetes manifests (k8s/, with the JSON schemas they
// are validated against), the privileged PostGIS step (postgis.sql) and
// the observability kit (observability/: a Grafana dashboard and
// Prometheus alerting rules). It has no Go code; its tests check those
// files against the schemas, the image and a real server's metrics.
package deploy
