package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/embedarchive/embedarchive/internal/sharedtest"
)

// BenchmarkCorpus compares extracting every dev-corpus page with a bare
// goquery parse of the same pages, in one run; the "ratio" case interleaves
// the two and reports extraction time over parse time as "x-parse".
func BenchmarkCorpus(b *testing.B) {
	dir := sharedtest.Dir(b, "corpus")
	var pages [][]byte
	var names []string
	var total int64
	for _, sub := range []string{"pages", "negatives"} {
		files, err := filepath.Glob(filepath.Join(dir, sub, "*.html"))
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, raw)
			names = append(names, filepath.Base(f))
			total += int64(len(raw))
		}
	}
	parseAll := func(b *testing.B) {
		for _, p := range pages {
			if _, err := goquery.NewDocumentFromReader(bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
		}
	}
	x := New()
	extractAll := func(b *testing.B) {
		for i, p := range pages {
			if _, err := x.Extract(context.Background(), names[i], p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("goquery-parse", func(b *testing.B) {
		b.SetBytes(total)
		for b.Loop() {
			parseAll(b)
		}
	})
	b.Run("extract", func(b *testing.B) {
		b.SetBytes(total)
		for b.Loop() {
			extractAll(b)
		}
	})
	// Both, interleaved in each iteration, so the ratio compares the same
	// conditions (cache, CPU contention).
	b.Run("ratio", func(b *testing.B) {
		var parse, extract time.Duration
		for b.Loop() {
			t0 := time.Now()
			parseAll(b)
			t1 := time.Now()
			extractAll(b)
			extract += time.Since(t1)
			parse += t1.Sub(t0)
		}
		b.ReportMetric(float64(extract)/float64(parse), "x-parse")
		b.ReportMetric(float64(parse.Microseconds())/float64(b.N*len(pages)), "parse-µs/page")
		b.ReportMetric(float64(extract.Microseconds())/float64(b.N*len(pages)), "extract-µs/page")
	})
}
