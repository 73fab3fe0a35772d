package main_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readmeBlock is a shell block of the README marked runnable: a ```sh fence
// on the line after <!-- runnable -->.
type readmeBlock struct {
	line   int
	script string
}

func runnableBlocks(t *testing.T, path string) []readmeBlock {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var blocks []readmeBlock
	sc := bufio.NewScanner(f)
	marked, in := false, false
	var cur readmeBlock
	var b strings.Builder
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case in && strings.TrimSpace(line) == "```":
			cur.script, in = b.String(), false
			blocks = append(blocks, cur)
		case in:
			b.WriteString(line + "\n")
		case strings.TrimSpace(line) == "<!-- runnable -->":
			marked = true
			continue
		case marked && strings.HasPrefix(line, "```sh"):
			in, cur = true, readmeBlock{line: n + 1}
			b.Reset()
		case marked:
			t.Fatalf("README.md:%d: <!-- runnable --> must be followed by a ```sh block", n-1)
		}
		marked = false
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return blocks
}

// TestReadme keeps the README and the program in step: it runs every shell
// block marked <!-- runnable --> against a fresh server (SQLite in a
// temporary folder, the demo catalogue, default settings), with the test's
// landcat first on PATH and localhost:8080 replaced by the server's
// address. Each block runs on its own under bash -euo pipefail, and curl
// fails on any HTTP error status, so a stale ETag, a missing file or a
// wrong path fails the test.
func TestReadme(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "jq"} {
		needTool(t, tool)
	}
	blocks := runnableBlocks(t, filepath.Join("..", "..", "README.md"))
	if len(blocks) < 4 {
		t.Fatalf("README.md has %d runnable blocks; the API tour's should be marked", len(blocks))
	}
	bin := binary(t)
	dir := t.TempDir()
	env := []string{"LANDCAT_DATABASE_URL=sqlite:" + filepath.Join(dir, "landcat.db"), "LANDCAT_LOG_LEVEL=warn"}
	base := serve(t, bin, env)
	host := strings.TrimPrefix(base, "http://")
	// The blocks run in a folder of their own, where the repository's
	// example files are where the README says.
	work := t.TempDir()
	repo, _ := filepath.Abs(filepath.Join("..", ".."))
	if err := os.Symlink(filepath.Join(repo, "deploy"), filepath.Join(work, "deploy")); err != nil {
		t.Fatal(err)
	}
	prelude := "set -euo pipefail\ncurl() { command curl --fail-with-body --show-error --max-time 30 \"$@\"; }\n"
	for _, blk := range blocks {
		script := prelude + strings.ReplaceAll(blk.script, "localhost:8080", host)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, "bash", "-c", script)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), env...)
		cmd.Env = append(cmd.Env, "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Errorf("README.md:%d: the block fails: %v\n%s", blk.line, err, tailString(string(out), 4000))
		}
	}
}

func tailString(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
