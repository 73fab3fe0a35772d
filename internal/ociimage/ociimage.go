// Package ociimage writes a container image as an OCI image layout
// (image-spec v1.1: oci-layout, index.json, blobs/sha256/…) from a list of
// files and an image configuration, with the standard library only and no
// container engine. One layer, one platform; the output is reproducible:
// the same files, configuration and tag give the same digests.
package ociimage

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Media types of OCI image-spec v1.1.
const (
	MediaTypeIndex    = "application/vnd.oci.image.index.v1+json"
	MediaTypeManifest = "application/vnd.oci.image.manifest.v1+json"
	MediaTypeConfig   = "application/vnd.oci.image.config.v1+json"
	MediaTypeLayer    = "application/vnd.oci.image.layer.v1.tar+gzip"
	// AnnotationRefName names a manifest in index.json: the tag.
	AnnotationRefName = "org.opencontainers.image.ref.name"
)

// File is one entry of the image's file system. Mode carries the type
// (fs.ModeDir for a directory) and the permission bits, sticky included.
type File struct {
	Path     string // absolute, e.g. /usr/local/bin/landcat
	Mode     fs.FileMode
	UID, GID int
	Data     []byte // nil for directories
}

// Config is what a runtime needs to start the image.
type Config struct {
	OS, Architecture string
	User             string // "uid:gid"
	Entrypoint, Cmd  []string
	Env              []string
	WorkingDir       string
	ExposedPorts     []string // "8080/tcp"
	Labels           map[string]string
	Created          time.Time
}

// Descriptor points at a blob.
type Descriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Size        int64             `json:"size"`
	Annotations map[string]string `json:"annotations,omitempty"`
	Platform    *Platform         `json:"platform,omitempty"`
}

// Platform is the OS and architecture of an image.
type Platform struct {
	Architecture string `json:"architecture"`
	OS           string `json:"os"`
}

// Index is index.json.
type Index struct {
	SchemaVersion int          `json:"schemaVersion"`
	MediaType     string       `json:"mediaType"`
	Manifests     []Descriptor `json:"manifests"`
}

// Manifest is an image manifest.
type Manifest struct {
	SchemaVersion int               `json:"schemaVersion"`
	MediaType     string            `json:"mediaType"`
	Config        Descriptor        `json:"config"`
	Layers        []Descriptor      `json:"layers"`
	Annotations   map[string]string `json:"annotations,omitempty"`
}

// ImageConfig is the configuration blob (the "config" of a manifest).
type ImageConfig struct {
	Created      string        `json:"created,omitempty"`
	Architecture string        `json:"architecture"`
	OS           string        `json:"os"`
	Config       RuntimeConfig `json:"config"`
	RootFS       RootFS        `json:"rootfs"`
	History      []History     `json:"history,omitempty"`
}

// RuntimeConfig is the "config" object of an image configuration.
type RuntimeConfig struct {
	User         string              `json:"User,omitempty"`
	ExposedPorts map[string]struct{} `json:"ExposedPorts,omitempty"`
	Env          []string            `json:"Env,omitempty"`
	Entrypoint   []string            `json:"Entrypoint,omitempty"`
	Cmd          []string            `json:"Cmd,omitempty"`
	WorkingDir   string              `json:"WorkingDir,omitempty"`
	Labels       map[string]string   `json:"Labels,omitempty"`
}

// RootFS lists the layers' uncompressed digests.
type RootFS struct {
	Type    string   `json:"type"`
	DiffIDs []string `json:"diff_ids"`
}

// History describes how a layer was made.
type History struct {
	Created   string `json:"created,omitempty"`
	CreatedBy string `json:"created_by,omitempty"`
}

// tagPattern is the OCI distribution spec's tag grammar.
var tagPattern = regexp.MustCompile(`^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$`)

// ValidTag reports whether tag may name an image.
func ValidTag(tag string) bool { return tagPattern.MatchString(tag) }

// Write writes the image as an OCI image layout in dir, which must not exist
// or be empty, with the manifest named tag in index.json. It returns the
// manifest's descriptor.
func Write(dir string, files []File, cfg Config, tag string) (Descriptor, error) {
	if !ValidTag(tag) {
		return Descriptor{}, fmt.Errorf("tag %q: want letters, digits, '_', '.', '-', at most 128", tag)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return Descriptor{}, fmt.Errorf("%s is not empty", dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, "blobs", "sha256"), 0o755); err != nil {
		return Descriptor{}, err
	}
	created := cfg.Created.UTC().Truncate(time.Second)
	tarball, err := layerTar(files, created)
	if err != nil {
		return Descriptor{}, err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if _, err := zw.Write(tarball); err != nil {
		return Descriptor{}, err
	}
	if err := zw.Close(); err != nil {
		return Descriptor{}, err
	}
	layer, err := writeBlob(dir, MediaTypeLayer, gz.Bytes())
	if err != nil {
		return Descriptor{}, err
	}
	ports := map[string]struct{}{}
	for _, p := range cfg.ExposedPorts {
		ports[p] = struct{}{}
	}
	ic := ImageConfig{
		Created: created.Format(time.RFC3339), Architecture: cfg.Architecture, OS: cfg.OS,
		Config: RuntimeConfig{User: cfg.User, ExposedPorts: ports, Env: cfg.Env, Entrypoint: cfg.Entrypoint,
			Cmd: cfg.Cmd, WorkingDir: cfg.WorkingDir, Labels: cfg.Labels},
		RootFS:  RootFS{Type: "layers", DiffIDs: []string{digest(tarball)}},
		History: []History{{Created: created.Format(time.RFC3339), CreatedBy: "landcat ociimage"}},
	}
	configJSON, err := json.Marshal(ic)
	if err != nil {
		return Descriptor{}, err
	}
	config, err := writeBlob(dir, MediaTypeConfig, configJSON)
	if err != nil {
		return Descriptor{}, err
	}
	m := Manifest{SchemaVersion: 2, MediaType: MediaTypeManifest, Config: config, Layers: []Descriptor{layer},
		Annotations: map[string]string{"org.opencontainers.image.created": created.Format(time.RFC3339)}}
	for k, v := range cfg.Labels {
		if strings.HasPrefix(k, "org.opencontainers.image.") {
			m.Annotations[k] = v
		}
	}
	manifestJSON, err := json.Marshal(m)
	if err != nil {
		return Descriptor{}, err
	}
	manifest, err := writeBlob(dir, MediaTypeManifest, manifestJSON)
	if err != nil {
		return Descriptor{}, err
	}
	manifest.Annotations = map[string]string{AnnotationRefName: tag}
	manifest.Platform = &Platform{Architecture: cfg.Architecture, OS: cfg.OS}
	index, err := json.Marshal(Index{SchemaVersion: 2, MediaType: MediaTypeIndex, Manifests: []Descriptor{manifest}})
	if err != nil {
		return Descriptor{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "index.json"), index, 0o644); err != nil {
		return Descriptor{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "oci-layout"), []byte(`{"imageLayoutVersion":"1.0.0"}`), 0o644); err != nil {
		return Descriptor{}, err
	}
	return manifest, nil
}

// layerTar is the layer's tar stream: every parent directory of every
// file, in lexical order, owned by root unless a File says otherwise.
func layerTar(files []File, mtime time.Time) ([]byte, error) {
	byPath := map[string]File{}
	for _, f := range files {
		p := path.Clean(f.Path)
		if !path.IsAbs(p) || p == "/" {
			return nil, fmt.Errorf("file %q: want an absolute path below /", f.Path)
		}
		if _, dup := byPath[p]; dup {
			return nil, fmt.Errorf("file %q given twice", p)
		}
		f.Path = p
		byPath[p] = f
		for d := path.Dir(p); d != "/"; d = path.Dir(d) {
			if _, ok := byPath[d]; !ok {
				byPath[d] = File{Path: d, Mode: fs.ModeDir | 0o755}
			}
		}
	}
	paths := make([]string, 0, len(byPath))
	for p := range byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, p := range paths {
		f := byPath[p]
		h := &tar.Header{Name: strings.TrimPrefix(p, "/"), Uid: f.UID, Gid: f.GID, ModTime: mtime, Format: tar.FormatPAX,
			Mode: int64(f.Mode.Perm())}
		if f.Mode&fs.ModeSticky != 0 {
			h.Mode |= 0o1000
		}
		switch {
		case f.Mode.IsDir():
			h.Typeflag, h.Name = tar.TypeDir, h.Name+"/"
		case f.Mode.IsRegular():
			h.Typeflag, h.Size = tar.TypeReg, int64(len(f.Data))
		default:
			return nil, fmt.Errorf("file %s: only regular files and directories", p)
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func writeBlob(dir, mediaType string, b []byte) (Descriptor, error) {
	d := digest(b)
	err := os.WriteFile(filepath.Join(dir, "blobs", "sha256", strings.TrimPrefix(d, "sha256:")), b, 0o644)
	return Descriptor{MediaType: mediaType, Digest: d, Size: int64(len(b))}, err
}

// Archive writes the layout in dir as one tar file (the "oci-archive"
// that skopeo, podman and Docker 25+ load).
func Archive(dir, file string) error {
	out, err := os.Create(file)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(out)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		h, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		h.Name, h.Uid, h.Gid, h.Uname, h.Gname = filepath.ToSlash(rel), 0, 0, "", ""
		h.ModTime, h.AccessTime, h.ChangeTime = time.Unix(0, 0), time.Time{}, time.Time{}
		if d.IsDir() {
			h.Name += "/"
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(tw, f)
		return err
	})
	return errors.Join(err, tw.Close(), out.Close())
}
