package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenView is the part of an Extraction this package's golden files pin:
// metadata and posts. Body and quotes belong to internal/quote's tests.
type goldenView struct {
	Title        string          `json:"title"`
	CanonicalURL string          `json:"canonical_url"`
	PublishedAt  time.Time       `json:"published_at,omitzero"`
	Embeds       []archive.Embed `json:"embeds"`
}

// TestGolden extracts every self-written article under testdata/golden and
// compares metadata and posts with its .golden.json. Run with -update to
// rewrite them after a deliberate change, and review the diff.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/golden/*")
	if err != nil {
		t.Fatal(err)
	}
	// The repository's sample article is a golden case too.
	inputs = append(inputs, "../../examples/article.html")
	n := 0
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden.json") {
			continue
		}
		n++
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			ex, err := New().Extract(context.Background(), name, raw)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(goldenView{ex.Title, ex.CanonicalURL, ex.PublishedAt, ex.Embeds}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("extraction of %s differs from %s (run go test -update and review the diff):\n%s", in, golden, got)
			}
		})
	}
	if n < 6 {
		t.Fatalf("only %d golden inputs found", n)
	}
}
