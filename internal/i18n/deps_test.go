package i18n_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStdlibOnly: every package may write sentences, so this one depends
// on nothing but the standard library.
func TestStdlibOnly(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}",
		"github.com/landcat/landcat/internal/i18n").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep != "github.com/landcat/landcat/internal/i18n" {
			t.Errorf("internal/i18n depends on %s", dep)
		}
	}
}
