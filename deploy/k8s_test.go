package deploy_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/yannh/kubeconform/pkg/validator"
	"go.yaml.in/yaml/v4"
)

// kubernetesVersion is the version whose schemas are vendored in
// k8s/schemas (README there).
const kubernetesVersion = "1.32.2"

var manifestFiles = []string{"k8s/secrets.example.yaml", "k8s/postgis-job.yaml", "k8s/landcat.yaml", "k8s/monitoring.yaml"}

// TestKubernetesSchemas validates every manifest against the vendored
// Kubernetes (and Prometheus operator) JSON schemas with kubeconform in
// strict mode: an unknown or misspelt field, a wrong type or a kind without
// a schema fails.
func TestKubernetesSchemas(t *testing.T) {
	schemas, err := filepath.Abs("k8s/schemas")
	if err != nil {
		t.Fatal(err)
	}
	v, err := validator.New([]string{schemas + "/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json"},
		validator.Opts{KubernetesVersion: kubernetesVersion, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, file := range manifestFiles {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range v.Validate(file, f) {
			if r.Status == validator.Empty {
				continue
			}
			n++
			sig, _ := r.Resource.Signature()
			name := file
			if sig != nil {
				name += ": " + sig.Kind + " " + sig.Name
				used[schemaFile(sig.Kind, sig.Version)] = true
			}
			switch r.Status {
			case validator.Valid:
			case validator.Invalid:
				for _, e := range r.ValidationErrors {
					t.Errorf("%s: %s: %s", name, e.Path, e.Msg)
				}
			default:
				t.Errorf("%s: status %d: %v", name, r.Status, r.Err)
			}
		}
		if n == 0 {
			t.Errorf("%s: no resources", file)
		}
	}
	// Every vendored schema is used: no dead weight in the repository.
	files, _ := filepath.Glob("k8s/schemas/v" + kubernetesVersion + "-standalone-strict/*.json")
	for _, f := range files {
		if !used[filepath.Base(f)] {
			t.Errorf("%s is vendored but no manifest uses it", f)
		}
	}
}

// schemaFile is kubeconform's file name for a kind: deployment-apps-v1.json.
func schemaFile(kind, apiVersion string) string {
	group, version, found := strings.Cut(apiVersion, "/")
	if !found {
		return strings.ToLower(kind) + "-" + apiVersion + ".json"
	}
	return strings.ToLower(kind) + "-" + strings.Split(group, ".")[0] + "-" + version + ".json"
}

// object is a manifest as generic YAML, with paths into it.
type object map[string]any

func (o object) get(path ...string) any {
	var cur any = map[string]any(o)
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	return cur
}

func (o object) str(path ...string) string { s, _ := o.get(path...).(string); return s }

func (o object) list(path ...string) []object {
	var out []object
	items, _ := o.get(path...).([]any)
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, object(m))
		}
	}
	return out
}

func readObjects(t *testing.T, files ...string) map[string]object {
	t.Helper()
	out := map[string]object{}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		for {
			var m map[string]any
			err := dec.Decode(&m)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if m == nil {
				continue
			}
			o := object(m)
			out[o.str("kind")+"/"+o.str("metadata", "name")] = o
		}
	}
	return out
}

func envOf(c object) map[string]object {
	out := map[string]object{}
	for _, e := range c.list("env") {
		out[e.str("name")] = e
	}
	return out
}

// TestKubernetesManifests checks what the schemas cannot: the ordering of
// migrations before serving, the probes, the hardening, versioned images,
// the metrics port, selectors that select, Secrets that exist, the
// privileged step's SQL, and that the PrometheusRule is alerts.yaml.
func TestKubernetesManifests(t *testing.T) {
	objs := readObjects(t, manifestFiles...)
	dep := objs["Deployment/landcat"]
	job := objs["Job/landcat-postgis"]
	if dep == nil || job == nil {
		t.Fatalf("want Deployment/landcat and Job/landcat-postgis, have %v", keys(objs))
	}
	if dep.get("spec", "replicas") != nil {
		t.Error("the Deployment sets replicas: every apply would reset the HorizontalPodAutoscaler's count")
	}
	podLabels, _ := dep.get("spec", "template", "metadata", "labels").(map[string]any)
	pod := object(dep.get("spec", "template", "spec").(map[string]any))

	// Every container, init containers and the Job's included, is hardened
	// and runs a versioned image.
	type ctr struct {
		where string
		c     object
		pod   object
	}
	jobPod := object(job.get("spec", "template", "spec").(map[string]any))
	var all []ctr
	for _, c := range pod.list("initContainers") {
		all = append(all, ctr{"Deployment init " + c.str("name"), c, pod})
	}
	for _, c := range pod.list("containers") {
		all = append(all, ctr{"Deployment " + c.str("name"), c, pod})
	}
	for _, c := range jobPod.list("containers") {
		all = append(all, ctr{"Job " + c.str("name"), c, jobPod})
	}
	for _, x := range all {
		image := x.c.str("image")
		_, tag, ok := strings.Cut(image[strings.LastIndex(image, "/")+1:], ":")
		if !ok || tag == "latest" || !strings.ContainsAny(tag, "0123456789") {
			t.Errorf("%s: image %q needs a versioned tag", x.where, image)
		}
		sc := object(mapOf(x.c.get("securityContext")))
		if sc.get("allowPrivilegeEscalation") != false || sc.get("readOnlyRootFilesystem") != true ||
			!reflect.DeepEqual(sc.get("capabilities", "drop"), []any{"ALL"}) {
			t.Errorf("%s: securityContext %v: want allowPrivilegeEscalation false, readOnlyRootFilesystem, drop ALL", x.where, sc)
		}
		if x.pod.get("securityContext", "runAsNonRoot") != true || x.pod.str("securityContext", "seccompProfile", "type") != "RuntimeDefault" {
			t.Errorf("%s: the pod must set runAsNonRoot and seccomp RuntimeDefault", x.where)
		}
		if x.c.get("resources", "requests") == nil || x.c.get("resources", "limits", "memory") == nil {
			t.Errorf("%s: resources need requests and a memory limit", x.where)
		}
	}
	if uid, _ := pod.get("securityContext", "runAsUser").(int); uid != 65532 {
		t.Errorf("the pod runs as %v, want 65532 (the image's nonroot)", pod.get("securityContext", "runAsUser"))
	}

	// Migrations before serving: an init container, as the app's role.
	inits := pod.list("initContainers")
	if len(inits) != 1 || !reflect.DeepEqual(inits[0].get("args"), []any{"migrate"}) {
		t.Fatalf("want one init container running migrate, have %v", inits)
	}
	api := pod.list("containers")[0]
	// README, Deployment substitutes this reference at apply time.
	if inits[0].str("image") != "registry.example.com/landcat:v0.1.0" || api.str("image") != inits[0].str("image") {
		t.Errorf("images %q and %q: both must be registry.example.com/landcat:v0.1.0, which the README's apply command replaces",
			inits[0].str("image"), api.str("image"))
	}
	if !reflect.DeepEqual(api.get("args"), []any{"serve", "--migrate=false"}) {
		t.Errorf("api args %v: the init container migrates, serve must not", api.get("args"))
	}
	for _, c := range []object{inits[0], api} {
		if envOf(c)["LANDCAT_DATABASE_URL"].str("valueFrom", "secretKeyRef", "name") != "landcat-db" {
			t.Errorf("%s: LANDCAT_DATABASE_URL must come from the unprivileged Secret landcat-db", c.str("name"))
		}
	}

	// Probes: readiness on /readyz (lenient: a database blip keeps replicas
	// in the Service), liveness and startup on /healthz.
	for probe, want := range map[string]string{"readinessProbe": "/readyz", "livenessProbe": "/healthz", "startupProbe": "/healthz"} {
		if got := api.str(probe, "httpGet", "path"); got != want {
			t.Errorf("%s on %q, want %s", probe, got, want)
		}
	}

	// Runtime settings kept from before, and metrics on their own port.
	env := envOf(api)
	for name, want := range map[string]string{"GOMEMLIMIT": "1536MiB", "LANDCAT_METRICS_ADDR": ":9090", "LANDCAT_DEMO": "false"} {
		if got := env[name].str("value"); got != want {
			t.Errorf("env %s=%q, want %q", name, got, want)
		}
	}
	// GOGC in the environment would override the pace serve sets.
	if _, ok := env["GOGC"]; ok {
		t.Error("env GOGC is set: it overrides the garbage collector's pace that landcat serve sets")
	}
	ports := map[string]int{}
	for _, p := range api.list("ports") {
		n, _ := p.get("containerPort").(int)
		ports[p.str("name")] = n
	}
	if ports["http"] != 8080 || ports["metrics"] != 9090 {
		t.Errorf("container ports %v, want http 8080 and metrics 9090", ports)
	}
	ann, _ := dep.get("spec", "template", "metadata", "annotations").(map[string]any)
	if ann["prometheus.io/scrape"] != "true" || ann["prometheus.io/port"] != "9090" || ann["prometheus.io/path"] != "/metrics" {
		t.Errorf("scrape annotations %v", ann)
	}

	// Selectors select the pods; the public Service does not expose metrics.
	for _, key := range []string{"Service/landcat", "Service/landcat-metrics", "PodDisruptionBudget/landcat", "NetworkPolicy/landcat"} {
		o := objs[key]
		if o == nil {
			t.Errorf("missing %s", key)
			continue
		}
		sel := o.get("spec", "selector")
		if m, ok := sel.(map[string]any); ok && m["matchLabels"] != nil {
			sel = m["matchLabels"]
		}
		if key == "NetworkPolicy/landcat" {
			sel = o.get("spec", "podSelector", "matchLabels")
		}
		for k, v := range mapOf(sel) {
			if podLabels[k] != v {
				t.Errorf("%s selects %s=%v, which the pods do not carry", key, k, v)
			}
		}
	}
	for _, p := range objs["Service/landcat"].list("spec", "ports") {
		if p.get("targetPort") != "http" {
			t.Errorf("Service/landcat exposes %v: only http", p.get("targetPort"))
		}
	}
	if p := objs["Service/landcat-metrics"].list("spec", "ports"); len(p) != 1 || p[0].get("targetPort") != "metrics" {
		t.Errorf("Service/landcat-metrics ports %v", p)
	}
	sm := objs["ServiceMonitor/landcat"]
	for k, v := range mapOf(sm.get("spec", "selector", "matchLabels")) {
		if mapOf(objs["Service/landcat-metrics"].get("metadata", "labels"))[k] != v {
			t.Errorf("the ServiceMonitor selects %s=%v, which Service/landcat-metrics lacks", k, v)
		}
	}
	if hpa := objs["HorizontalPodAutoscaler/landcat"]; hpa.str("spec", "scaleTargetRef", "name") != "landcat" || hpa.str("spec", "scaleTargetRef", "kind") != "Deployment" {
		t.Error("the HorizontalPodAutoscaler does not scale Deployment/landcat")
	}

	// Secrets: every reference resolves to an example Secret with that key;
	// the app never sees the admin Secret, the Job sees only it.
	secrets := map[string]object{}
	for k, o := range objs {
		if strings.HasPrefix(k, "Secret/") {
			secrets[o.str("metadata", "name")] = o
		}
	}
	for _, c := range append(pod.list("initContainers"), pod.list("containers")...) {
		for _, e := range c.list("env") {
			if ref := e.str("valueFrom", "secretKeyRef", "name"); ref != "" {
				if secrets[ref].get("stringData", e.str("valueFrom", "secretKeyRef", "key")) == nil {
					t.Errorf("%s reads key %s of Secret %s, which secrets.example.yaml lacks", c.str("name"), e.str("valueFrom", "secretKeyRef", "key"), ref)
				}
				if ref == "landcat-db-admin" {
					t.Errorf("%s reads the admin Secret", c.str("name"))
				}
			}
		}
	}
	psql := jobPod.list("containers")[0]
	if from := psql.list("envFrom"); len(from) != 1 || from[0].str("secretRef", "name") != "landcat-db-admin" {
		t.Errorf("the PostGIS Job must read its own Secret landcat-db-admin: %v", from)
	}
	for _, k := range []string{"PGHOST", "PGDATABASE", "PGUSER", "PGPASSWORD"} {
		if secrets["landcat-db-admin"].get("stringData", k) == nil {
			t.Errorf("Secret landcat-db-admin lacks %s", k)
		}
	}

	// The Job runs exactly the privileged SQL of deploy/postgis.sql.
	cmd, _ := psql.get("command").([]any)
	if len(cmd) == 0 || cmd[len(cmd)-1] != postgisSQL(t) || !slices.Contains(cmd, any("ON_ERROR_STOP=1")) {
		t.Errorf("the PostGIS Job runs %v, want psql -v ON_ERROR_STOP=1 -c %q", cmd, postgisSQL(t))
	}

	// The PrometheusRule is deploy/observability/alerts.yaml.
	var rules map[string]any
	b, err := os.ReadFile("observability/alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &rules); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(objs["PrometheusRule/landcat"].get("spec", "groups"), rules["groups"]) {
		t.Error("k8s/monitoring.yaml's PrometheusRule differs from observability/alerts.yaml")
	}
}

// postgisSQL is the statement of deploy/postgis.sql, without comments.
func postgisSQL(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("postgis.sql")
	if err != nil {
		t.Fatal(err)
	}
	var stmt []string
	for _, line := range strings.Split(string(b), "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "--") {
			stmt = append(stmt, l)
		}
	}
	return strings.Join(stmt, " ")
}

func mapOf(v any) map[string]any { m, _ := v.(map[string]any); return m }

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
