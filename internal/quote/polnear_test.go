package quote

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embedarchive/embedarchive/internal/sharedtest"
)

var dumpDir = flag.String("dump", "", "write <id>.json quote predictions for the PolNeAR dev texts into this directory")

// TestDumpPolNeAR writes predictions for score.py; `make eval` scores the
// CLI's output the same way.
func TestDumpPolNeAR(t *testing.T) {
	if *dumpDir == "" {
		t.Skip("no -dump directory")
	}
	dir := sharedtest.Dir(t, "quotes", "polnear-dev", "text")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no texts in %s: %v", dir, err)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		qs := FindText(string(raw))
		b, _ := json.Marshal(map[string]any{"quotes": qs})
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		if err := os.WriteFile(filepath.Join(*dumpDir, id+".json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
