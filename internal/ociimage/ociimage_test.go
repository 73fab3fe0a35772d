package ociimage

import (
	"archive/tar"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriteIsReproducible(t *testing.T) {
	files := []File{{Path: "/usr/local/bin/app", Mode: 0o755, Data: []byte("binary")}, {Path: "/tmp", Mode: fs.ModeDir | fs.ModeSticky | 0o777}}
	cfg := Config{OS: "linux", Architecture: "amd64", User: "65532:65532", Created: time.Unix(1700000000, 0)}
	a, err := Write(filepath.Join(t.TempDir(), "a"), files, cfg, "v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Write(filepath.Join(t.TempDir(), "b"), files, cfg, "v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	if a.Digest != b.Digest {
		t.Errorf("same input, two digests: %s %s", a.Digest, b.Digest)
	}
}

func TestLayerTar(t *testing.T) {
	b, err := layerTar([]File{{Path: "/usr/local/bin/app", Mode: 0o755, Data: []byte("x")},
		{Path: "/data", Mode: fs.ModeDir | 0o755, UID: 65532, GID: 65532},
		{Path: "/tmp", Mode: fs.ModeDir | fs.ModeSticky | 0o777}}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	tr := tar.NewReader(bytes.NewReader(b))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, h.Name)
		switch h.Name {
		case "data/":
			if h.Uid != 65532 || h.Typeflag != tar.TypeDir {
				t.Errorf("data/: %+v", h)
			}
		case "tmp/":
			if h.Mode != 0o1777 {
				t.Errorf("tmp/ mode %o", h.Mode)
			}
		}
	}
	want := []string{"data/", "tmp/", "usr/", "usr/local/", "usr/local/bin/", "usr/local/bin/app"}
	if len(got) != len(want) {
		t.Fatalf("entries %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entries %v, want %v", got, want)
		}
	}
	if _, err := layerTar([]File{{Path: "relative", Mode: 0o644}}, time.Unix(0, 0)); err == nil {
		t.Error("a relative path was accepted")
	}
}

func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "precious"), []byte("x"), 0o644)
	if _, err := Write(dir, nil, Config{}, "v1"); err == nil {
		t.Error("wrote into a non-empty directory")
	}
	for _, tag := range []string{"", "-x", "a:b", "a/b", string(make([]byte, 129))} {
		if ValidTag(tag) {
			t.Errorf("ValidTag(%q)", tag)
		}
	}
}
