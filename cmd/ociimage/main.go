// Command ociimage builds landcat's container image without a container
// engine or a registry: it compiles a static binary (CGO_ENABLED=0,
// -trimpath) and writes an OCI image layout around it, plus, with
// -archive, the same layout as one tar file. The image is what
// deploy/Dockerfile builds with Docker: the binary at
// /usr/local/bin/landcat, user 65532 (nonroot), working directory /data,
// port 8080, `serve` by default. It has no base image, hence no shell and no
// package manager. The tag defaults to `git describe --tags --always
// --dirty`; "latest" is refused.
//
//	go run ./cmd/ociimage -o dist/oci -archive dist/landcat-oci.tar
//	skopeo copy oci:dist/oci:TAG docker://registry.example.com/landcat:TAG
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/ociimage"
)

// The image's user: distroless's nonroot, not root and not a user of the
// host.
const (
	uid = 65532
	gid = 65532
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ociimage:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ociimage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "dist/oci", "write the OCI image layout to this directory (replaced if it holds a layout)")
	archive := fs.String("archive", "", "also write the layout as one tar file (an oci-archive), e.g. dist/landcat-oci.tar")
	tag := fs.String("tag", "", "image tag; default: git describe --tags --always --dirty")
	arch := fs.String("arch", "amd64", "GOARCH of the image: amd64 or arm64")
	caBundle := fs.String("ca-bundle", "/etc/ssl/certs/ca-certificates.crt",
		"CA certificates to install at /etc/ssl/certs/ca-certificates.crt (for sslmode=verify-full with a public CA); empty: none")
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if *tag == "" {
		if *tag, err = git(root, "describe", "--tags", "--always", "--dirty"); err != nil {
			return fmt.Errorf("no tag from git (%v): pass -tag", err)
		}
	}
	if *tag == "latest" {
		return errors.New(`tag "latest" names no version: pass -tag v1.2.3 (or tag the commit)`)
	}
	if !ociimage.ValidTag(*tag) {
		return fmt.Errorf("tag %q: want letters, digits, '_', '.', '-', at most 128", *tag)
	}
	revision, _ := git(root, "rev-parse", "HEAD")
	created := sourceDate(root)

	tmp, err := os.MkdirTemp("", "ociimage")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "landcat")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version="+*tag, "-o", bin, "./cmd/landcat")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+*arch)
	build.Stdout, build.Stderr = stderr, stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	binary, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	var ca []byte
	if *caBundle != "" {
		if ca, err = os.ReadFile(*caBundle); err != nil {
			return fmt.Errorf("-ca-bundle: %w (pass -ca-bundle= to build without one)", err)
		}
	}
	if err := clear(*out); err != nil {
		return err
	}
	desc, err := ociimage.Write(*out, files(binary, ca), imageConfig(*arch, *tag, revision, created), *tag)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "landcat:%s %s (%s, linux/%s) in %s\n", *tag, desc.Digest, size(*out), *arch, *out)
	if *archive != "" {
		if err := os.MkdirAll(filepath.Dir(*archive), 0o755); err != nil {
			return err
		}
		if err := ociimage.Archive(*out, *archive); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "oci-archive %s\n", *archive)
	}
	return nil
}

// imageConfig is how the image runs; deploy/Dockerfile says the same (a
// test compares them).
func imageConfig(arch, tag, revision string, created time.Time) ociimage.Config {
	labels := map[string]string{
		"org.opencontainers.image.title":       "landcat",
		"org.opencontainers.image.description": "A city's investment land bank as OGC API - Features, vector tiles and a site matcher",
		"org.opencontainers.image.version":     tag,
		"org.opencontainers.image.licenses":    "MIT",
		"org.opencontainers.image.created":     created.UTC().Format(time.RFC3339),
	}
	if revision != "" {
		labels["org.opencontainers.image.revision"] = revision
	}
	return ociimage.Config{
		OS: "linux", Architecture: arch,
		User:         strconv.Itoa(uid) + ":" + strconv.Itoa(gid),
		Entrypoint:   []string{"/usr/local/bin/landcat"},
		Cmd:          []string{"serve"},
		Env:          []string{"PATH=/usr/local/bin", "LANDCAT_ADDR=:8080"},
		WorkingDir:   "/data",
		ExposedPorts: []string{"8080/tcp"},
		Labels:       labels,
		Created:      created,
	}
}

// files is the image's whole file system.
func files(binary, ca []byte) []ociimage.File {
	fsys := []ociimage.File{
		{Path: "/usr/local/bin/landcat", Mode: 0o755, Data: binary},
		{Path: "/etc/passwd", Mode: 0o644, Data: []byte("root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/data:/sbin/nologin\n")},
		{Path: "/etc/group", Mode: 0o644, Data: []byte("root:x:0:\nnonroot:x:65532:\n")},
		// The working directory and nonroot's home: the embedded SQLite
		// default writes landcat.db here.
		{Path: "/data", Mode: fs.ModeDir | 0o755, UID: uid, GID: gid},
		{Path: "/tmp", Mode: fs.ModeDir | fs.ModeSticky | 0o777},
	}
	if ca != nil {
		fsys = append(fsys, ociimage.File{Path: "/etc/ssl/certs/ca-certificates.crt", Mode: 0o644, Data: ca})
	}
	return fsys
}

// clear empties dir if it holds an OCI layout from an earlier run; any
// other non-empty directory is an error, never deleted.
func clear(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "oci-layout")); err != nil {
		return fmt.Errorf("-o %s: not empty and not an OCI layout; choose another directory", dir)
	}
	return os.RemoveAll(dir)
}

// sourceDate is the image's creation time: SOURCE_DATE_EPOCH, else the
// commit's time, so that a commit always builds the same image.
func sourceDate(root string) time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	if s, err := git(root, "log", "-1", "--format=%ct"); err == nil {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Unix(0, 0).UTC()
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("run ociimage inside the landcat module (go env GOMOD: %v)", err)
	}
	return filepath.Dir(gomod), nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

func size(dir string) string {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
