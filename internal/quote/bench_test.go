package quote

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
	"github.com/embedarchive/embedarchive/internal/embed"
	"github.com/embedarchive/embedarchive/internal/sharedtest"
)

type benchPage struct {
	raw        []byte
	doc        *article.Doc
	embeds     []archive.Embed
	containers []*html.Node
}

// benchPages loads the corpus's real news pages and the seed article as
// HTML, parsed once.
func benchPages(b *testing.B) []benchPage {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(sharedtest.Dir(b, "corpus", "pages"), "*.html"))
	files = append(files, filepath.Join("testdata", "seed-embedded.html"))
	var out []benchPage
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := article.Parse(f, raw)
		if err != nil {
			b.Fatal(err)
		}
		embeds, containers := embed.Scan(doc)
		out = append(out, benchPage{raw: raw, doc: doc, embeds: embeds, containers: containers})
	}
	return out
}

// BenchmarkQuoteCost compares quote extraction (body text, quotes, ties)
// with a bare goquery parse of the same pages in the same run, and reports
// the ratio as quote/parse (the target is at most 0.25). The embeds and
// their containers come from the extractor's one embed scan (embed.Scan),
// which is embed extraction's cost, not the quotes'; embed-scan reports it
// for reference.
func BenchmarkQuoteCost(b *testing.B) {
	pages := benchPages(b)
	b.Run("goquery-parse", func(b *testing.B) {
		for b.Loop() {
			for _, p := range pages {
				if _, err := goquery.NewDocumentFromReader(bytes.NewReader(p.raw)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("embed-scan", func(b *testing.B) {
		for b.Loop() {
			for _, p := range pages {
				embed.Scan(p.doc)
			}
		}
	})
	b.Run("quote-extract", func(b *testing.B) {
		for b.Loop() {
			for _, p := range pages {
				Extract(p.doc, p.embeds, p.containers)
			}
		}
	})
	// ratio interleaves parse and quotes per page so that load on the
	// machine weighs on both alike.
	b.Run("ratio", func(b *testing.B) {
		var parse, quotes time.Duration
		for b.Loop() {
			for _, p := range pages {
				t0 := time.Now()
				if _, err := goquery.NewDocumentFromReader(bytes.NewReader(p.raw)); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				Extract(p.doc, p.embeds, p.containers)
				quotes += time.Since(t1)
				parse += t1.Sub(t0)
			}
		}
		b.ReportMetric(float64(quotes)/float64(parse), "quote/parse")
	})
}

// BenchmarkFindText measures quote finding on the PolNeAR dev texts.
func BenchmarkFindText(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sharedtest.Dir(b, "quotes", "polnear-dev", "text"), "*.txt"))
	var texts []string
	size := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(raw))
		size += len(raw)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			FindText(t)
		}
	}
}
