package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	line  int
	cmd   string // upper case
	args  string
	stage int
}

func parseDockerfile(t *testing.T, file string) []instruction {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	stage, start := -1, 0
	var cur strings.Builder
	for i, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		cmd = strings.ToUpper(cmd)
		if cmd == "FROM" {
			stage++
		}
		out = append(out, instruction{line: start, cmd: cmd, args: strings.TrimSpace(args), stage: stage})
		cur.Reset()
	}
	return out
}

// TestDockerfile lints deploy/Dockerfile for the rules that matter here
// (no Dockerfile linter is packaged for this machine) and checks that it
// builds the image cmd/ociimage builds.
func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, "../../deploy/Dockerfile")
	last := ins[len(ins)-1].stage
	final := map[string]string{}
	var copied []string
	for _, in := range ins {
		switch in.cmd {
		case "FROM":
			image := strings.Fields(in.args)[0]
			name, tag, hasTag := strings.Cut(image[strings.LastIndex(image, "/")+1:], ":")
			if image != "scratch" && !strings.Contains(image, "@sha256:") && (!hasTag || tag == "latest" || !strings.ContainsAny(tag, "0123456789")) {
				t.Errorf("line %d: FROM %s: pin the base by a versioned tag or a digest (%s)", in.line, image, name)
			}
		case "ADD":
			t.Errorf("line %d: ADD: use COPY (ADD fetches URLs and unpacks archives)", in.line)
		case "COPY":
			if strings.Contains(in.args, "--from=") {
				continue
			}
			fields := strings.Fields(in.args)
			for _, src := range fields[:len(fields)-1] {
				if strings.HasPrefix(src, "--") {
					continue
				}
				copied = append(copied, src)
				if !slices.Contains([]string{"go.mod", "go.sum", "cmd", "internal", "migrations", "openapi"}, src) {
					t.Errorf("line %d: COPY %s: copy only what go build needs", in.line, src)
				}
				if _, err := os.Stat(filepath.Join("../..", src)); err != nil {
					t.Errorf("line %d: COPY %s: %v", in.line, src, err)
				}
			}
		case "RUN":
			if in.stage == last {
				t.Errorf("line %d: RUN in the final stage: it has no shell", in.line)
			}
			if strings.Contains(in.args, "go build") && !(strings.Contains(in.args, "CGO_ENABLED=0") && strings.Contains(in.args, "-trimpath") && strings.Contains(in.args, "-X main.version=")) {
				t.Errorf("line %d: go build must be static (CGO_ENABLED=0), -trimpath, and stamp main.version", in.line)
			}
		}
		if in.stage == last && in.cmd != "COPY" && in.cmd != "FROM" {
			final[in.cmd] = in.args
		}
	}

	// The final stage runs as cmd/ociimage's image does.
	cfg := imageConfig("amd64", "v0", "", time.Unix(0, 0))
	if final["USER"] != cfg.User || strings.HasPrefix(final["USER"], "0") || strings.HasPrefix(final["USER"], "root") {
		t.Errorf("USER %q, want %q (not root)", final["USER"], cfg.User)
	}
	if final["WORKDIR"] != cfg.WorkingDir {
		t.Errorf("WORKDIR %q, want %q", final["WORKDIR"], cfg.WorkingDir)
	}
	if final["EXPOSE"] != strings.TrimSuffix(cfg.ExposedPorts[0], "/tcp") || len(cfg.ExposedPorts) != 1 {
		t.Errorf("EXPOSE %q, want %v", final["EXPOSE"], cfg.ExposedPorts)
	}
	if env := strings.Fields(final["ENV"]); !slices.Equal(env, cfg.Env) {
		t.Errorf("ENV %q, want %q", env, cfg.Env)
	}
	for cmd, want := range map[string][]string{"ENTRYPOINT": cfg.Entrypoint, "CMD": cfg.Cmd} {
		var got []string
		if err := json.Unmarshal([]byte(final[cmd]), &got); err != nil || !slices.Equal(got, want) {
			t.Errorf("%s %s: want the exec form %q", cmd, final[cmd], want)
		}
	}
	dockerfile, _ := os.ReadFile("../../deploy/Dockerfile")
	for _, f := range files(nil, nil) {
		if f.Path == "/etc/passwd" || f.Path == "/etc/group" {
			for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				if !strings.Contains(string(dockerfile), line+`\n`) {
					t.Errorf("the Dockerfile's %s lacks %q", f.Path, line)
				}
			}
		}
	}

	// Every package the binary is built from is in a COPYed folder.
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}", "../landcat").Output()
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs("../..")
	for _, dir := range strings.Fields(string(out)) {
		rel, _ := filepath.Rel(root, dir)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if !slices.Contains(copied, top) {
			t.Errorf("the binary needs %s, which the Dockerfile does not copy", rel)
		}
	}

	// The build context leaves out what must not be in an image or a cache.
	ignore, err := os.ReadFile("../../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	patterns := strings.Fields(string(ignore))
	for _, want := range []string{".git", "**/*.db*", ".ci/tools/node_modules", "bin/", "dist/", "screenshots/", "tmp/"} {
		if !slices.Contains(patterns, want) {
			t.Errorf(".dockerignore lacks %s", want)
		}
	}
}
