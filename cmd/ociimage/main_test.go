package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/ociimage"
)

// needTool skips when a command-line tool is missing, except under CI,
// where .ci/run installs it and a missing tool is a failure.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (bash .ci/run installs it)", name)
		}
		t.Skipf("%s is not installed: skipping (bash .ci/run installs it)", name)
	}
}

// layout reads an OCI image layout as a runtime would, checking every
// digest and size on the way.
type layout struct {
	dir      string
	index    ociimage.Index
	manifest ociimage.Manifest
	config   ociimage.ImageConfig
	layer    []byte // uncompressed tar
}

func readLayout(t *testing.T, dir string) *layout {
	t.Helper()
	l := &layout{dir: dir}
	var marker struct{ ImageLayoutVersion string }
	l.json(t, filepath.Join(dir, "oci-layout"), &marker)
	if marker.ImageLayoutVersion != "1.0.0" {
		t.Fatalf("oci-layout: %+v", marker)
	}
	l.json(t, filepath.Join(dir, "index.json"), &l.index)
	if l.index.SchemaVersion != 2 || l.index.MediaType != ociimage.MediaTypeIndex || len(l.index.Manifests) != 1 {
		t.Fatalf("index.json: %+v", l.index)
	}
	md := l.index.Manifests[0]
	if err := json.Unmarshal(l.blob(t, md), &l.manifest); err != nil {
		t.Fatal(err)
	}
	if md.MediaType != ociimage.MediaTypeManifest || l.manifest.MediaType != ociimage.MediaTypeManifest || l.manifest.Config.MediaType != ociimage.MediaTypeConfig {
		t.Fatalf("media types: %+v %+v", md, l.manifest)
	}
	if err := json.Unmarshal(l.blob(t, l.manifest.Config), &l.config); err != nil {
		t.Fatal(err)
	}
	if len(l.manifest.Layers) != 1 || l.manifest.Layers[0].MediaType != ociimage.MediaTypeLayer {
		t.Fatalf("layers: %+v", l.manifest.Layers)
	}
	zr, err := gzip.NewReader(bytes.NewReader(l.blob(t, l.manifest.Layers[0])))
	if err != nil {
		t.Fatal(err)
	}
	if l.layer, err = io.ReadAll(zr); err != nil {
		t.Fatal(err)
	}
	if got := sha(l.layer); len(l.config.RootFS.DiffIDs) != 1 || l.config.RootFS.DiffIDs[0] != got {
		t.Fatalf("diff_ids %v, the layer is %s", l.config.RootFS.DiffIDs, got)
	}
	return l
}

func (l *layout) json(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func (l *layout) blob(t *testing.T, d ociimage.Descriptor) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(l.dir, "blobs", "sha256", strings.TrimPrefix(d.Digest, "sha256:")))
	if err != nil {
		t.Fatal(err)
	}
	if sha(b) != d.Digest || int64(len(b)) != d.Size {
		t.Fatalf("blob %s: digest %s, size %d (descriptor says %d)", d.Digest, sha(b), len(b), d.Size)
	}
	return b
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(s[:])
}

type entry struct {
	h    *tar.Header
	data []byte
}

func (l *layout) files(t *testing.T) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	tr := tar.NewReader(bytes.NewReader(l.layer))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		out["/"+strings.TrimSuffix(h.Name, "/")] = entry{h, b}
	}
}

// TestImage builds the image as an operator would (go run ./cmd/ociimage)
// and checks what a runtime will find in it.
func TestImage(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the image holds a linux binary that this test runs")
	}
	needTool(t, "git")
	want, err := git("../..", "describe", "--tags", "--always", "--dirty")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("not a git work tree, so no default tag: %v", err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "oci")
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-o", out, "-archive", filepath.Join(dir, "landcat-oci.tar"), "-arch", runtime.GOARCH}, &stdout, &stderr); err != nil {
		t.Fatalf("ociimage: %v\n%s", err, stderr.String())
	}
	t.Log(strings.TrimSpace(stdout.String()))
	l := readLayout(t, out)

	// The tag names a version: git describe, never "latest".
	tag := l.index.Manifests[0].Annotations[ociimage.AnnotationRefName]
	if tag != want || tag == "latest" || l.config.Config.Labels["org.opencontainers.image.version"] != want {
		t.Errorf("tag %q, version label %q; want %q from git describe", tag, l.config.Config.Labels["org.opencontainers.image.version"], want)
	}
	c := l.config.Config
	if l.config.OS != "linux" || l.config.Architecture != runtime.GOARCH {
		t.Errorf("platform %s/%s", l.config.OS, l.config.Architecture)
	}
	if c.User != "65532:65532" {
		t.Errorf("user %q, want 65532:65532 (nonroot)", c.User)
	}
	if !slices.Equal(c.Entrypoint, []string{"/usr/local/bin/landcat"}) || !slices.Equal(c.Cmd, []string{"serve"}) {
		t.Errorf("entrypoint %q cmd %q", c.Entrypoint, c.Cmd)
	}
	if !slices.Contains(c.Env, "LANDCAT_ADDR=:8080") || c.WorkingDir != "/data" {
		t.Errorf("env %q, working dir %q", c.Env, c.WorkingDir)
	}
	if _, ok := c.ExposedPorts["8080/tcp"]; !ok || len(c.ExposedPorts) != 1 {
		t.Errorf("exposed ports %v", c.ExposedPorts)
	}

	files := l.files(t)
	bin, ok := files["/usr/local/bin/landcat"]
	if !ok || bin.h.Mode != 0o755 || bin.h.Uid != 0 {
		t.Fatalf("/usr/local/bin/landcat: %+v", bin.h)
	}
	for name, e := range files {
		if e.h.Mode&0o6000 != 0 {
			t.Errorf("%s is setuid or setgid", name)
		}
		if e.h.Mode&0o002 != 0 && name != "/tmp" {
			t.Errorf("%s is writable by anyone", name)
		}
	}
	if d := files["/data"]; d.h == nil || d.h.Uid != 65532 || d.h.Typeflag != tar.TypeDir {
		t.Errorf("/data must be a directory of the nonroot user")
	}
	if d := files["/tmp"]; d.h == nil || d.h.Mode != 0o1777 {
		t.Errorf("/tmp must be 1777")
	}
	if p := files["/etc/passwd"]; !strings.Contains(string(p.data), "nonroot:x:65532:65532:") {
		t.Errorf("/etc/passwd: %q", p.data)
	}
	if _, err := os.Stat("/etc/ssl/certs/ca-certificates.crt"); err == nil {
		if len(files["/etc/ssl/certs/ca-certificates.crt"].data) == 0 {
			t.Error("the CA bundle is missing from the image")
		}
	}

	// Static: no program interpreter, no shared libraries.
	f, err := elf.NewFile(bytes.NewReader(bin.data))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary has a PT_INTERP segment: it is dynamically linked")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the binary needs shared libraries %v", libs)
	}

	// It runs, and says which version it is.
	exe := filepath.Join(dir, "landcat")
	if err := os.WriteFile(exe, bin.data, 0o755); err != nil {
		t.Fatal(err)
	}
	if v, err := exec.Command(exe, "version").Output(); err != nil || strings.TrimSpace(string(v)) != "landcat "+want {
		t.Errorf("landcat version: %q %v, want %q", v, err, "landcat "+want)
	}

	// The archive is the same layout in one file.
	a, err := os.Open(filepath.Join(dir, "landcat-oci.tar"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var names []string
	tr := tar.NewReader(a)
	for h, err := tr.Next(); err == nil; h, err = tr.Next() {
		names = append(names, h.Name)
	}
	for _, n := range []string{"oci-layout", "index.json", "blobs/sha256/" + strings.TrimPrefix(l.index.Manifests[0].Digest, "sha256:")} {
		if !slices.Contains(names, n) {
			t.Errorf("the archive lacks %s: %v", n, names)
		}
	}

	t.Run("umoci", func(t *testing.T) { checkUmoci(t, out, tag) })
}

// checkUmoci unpacks the image with umoci, an OCI tool that is not ours,
// into a runtime bundle and checks the process it would start.
func checkUmoci(t *testing.T, layoutDir, tag string) {
	needTool(t, "umoci")
	bundle := filepath.Join(t.TempDir(), "bundle")
	args := []string{"unpack", "--image", layoutDir + ":" + tag, bundle}
	if os.Geteuid() != 0 {
		args = []string{"unpack", "--rootless", "--image", layoutDir + ":" + tag, bundle}
	}
	if out, err := exec.Command("umoci", args...).CombinedOutput(); err != nil {
		t.Fatalf("umoci %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	var spec struct {
		Process struct {
			User struct{ UID, GID int }
			Args []string
			Env  []string
			Cwd  string
		}
	}
	b, err := os.ReadFile(filepath.Join(bundle, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	p := spec.Process
	if p.User.UID != 65532 || p.User.GID != 65532 || !slices.Equal(p.Args, []string{"/usr/local/bin/landcat", "serve"}) ||
		p.Cwd != "/data" || !slices.Contains(p.Env, "LANDCAT_ADDR=:8080") {
		t.Errorf("umoci's runtime process: %+v", p)
	}
	if v, err := exec.Command(filepath.Join(bundle, "rootfs", "usr", "local", "bin", "landcat"), "version").Output(); err != nil || !strings.Contains(string(v), tag) {
		t.Errorf("landcat version from umoci's rootfs: %q %v", v, err)
	}
}
