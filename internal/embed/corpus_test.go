package embed

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
	"github.com/embedarchive/embedarchive/internal/sharedtest"
)

// TestCorpus checks Find against ../shared/corpus/expected.tsv, read in
// place: every expected post found as an embed, nothing extra, on pages/
// and negatives/. It reports precision and recall over the whole set.
func TestCorpus(t *testing.T) {
	dir := sharedtest.Dir(t, "corpus")
	f, err := os.Open(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tp, fp, fn int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Scan() // header
	for sc.Scan() {
		name, want, _ := strings.Cut(sc.Text(), "\t")
		wantKeys := strings.Fields(want)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			d := parse(t, name, string(raw))
			var got []string
			for _, e := range Find(d) {
				if e.Kind == archive.KindEmbed {
					got = append(got, e.Key())
				}
			}
			checkContainers(t, d, len(wantKeys))
			for _, k := range wantKeys {
				if slices.Contains(got, k) {
					tp++
				} else {
					fn++
					t.Errorf("missing %s", k)
				}
			}
			for _, k := range got {
				if !slices.Contains(wantKeys, k) {
					fp++
					t.Errorf("extra %s", k)
				}
			}
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
	t.Logf("corpus: %d found, %d extra, %d missing: precision %.3f recall %.3f", tp, fp, fn, p, r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// checkContainers checks Containers' contract on a real page: some
// container when the page embeds posts, none inside another, all elements
// or text nodes of the document.
func checkContainers(t *testing.T, d *article.Doc, embeds int) {
	t.Helper()
	cs := Containers(d)
	if embeds > 0 && len(cs) == 0 {
		t.Errorf("no containers for %d embeds", embeds)
	}
	set := map[*html.Node]bool{}
	for _, n := range cs {
		set[n] = true
	}
	for _, n := range cs {
		for p := n.Parent; p != nil; p = p.Parent {
			if set[p] {
				t.Errorf("container <%s> is inside container <%s>", n.Data, p.Data)
			}
		}
		if n.Type != html.ElementNode && n.Type != html.TextNode {
			t.Errorf("container of type %v", n.Type)
		}
	}
}
