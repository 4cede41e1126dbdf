package extract

import (
	"bytes"
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// TestBadInput feeds every kind of bad input: each must give a clear error
// of the documented kind or an empty result, quickly and without a panic
// or unbounded memory.
func TestBadInput(t *testing.T) {
	bigPage := func() []byte {
		var b bytes.Buffer
		b.WriteString("<html><body>")
		para := []byte("<p>Filler paragraph for a very large page, with nothing embedded in it at all.</p>\n")
		for b.Len() < 50<<20 {
			b.Write(para)
		}
		b.WriteString("</body></html>")
		return b.Bytes()
	}
	nested := func(open, close string, n int) []byte {
		return []byte("<html><body>" + strings.Repeat(open, n) + "deep" + strings.Repeat(close, n) + "</body></html>")
	}
	tests := []struct {
		name   string
		source string
		raw    func() []byte
		kind   archive.Kind // Other: must succeed
		embeds int
	}{
		{"empty file", "empty.html", func() []byte { return nil }, archive.Invalid, 0},
		{"whitespace only", "blank.txt", func() []byte { return []byte(" \n\t\n") }, archive.Invalid, 0},
		{"binary: png", "image.html", func() []byte { return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 4096)...) }, archive.Invalid, 0},
		{"binary: gzip", "page.html", func() []byte { return []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07\x00") }, archive.Invalid, 0},
		{"binary: NUL bytes", "a.txt", func() []byte { return []byte("text\x00\x00\x00\x01\x02 more") }, archive.Invalid, 0},
		{"50 MB page", "big.html", bigPage, archive.TooLarge, 0},
		{"nested 100,000 deep: div", "deep.html", func() []byte { return nested("<div>", "</div>", 100000) }, archive.Invalid, 0},
		{"nested 100,000 deep: unclosed span", "deep.html", func() []byte { return nested("<span>", "", 100000) }, archive.Invalid, 0},
		{"nested 100,000 deep: blockquote", "deep.html", func() []byte { return nested(`<blockquote class="twitter-tweet">`, "</blockquote>", 100000) }, archive.Invalid, 0},
		{"nested 100,000 deep: table", "deep.html", func() []byte { return nested("<table><tr><td>", "</td></tr></table>", 100000) }, archive.Invalid, 0},
		{"5 MB of tags 400 deep (parser work cap)", "crawl.html", func() []byte {
			return []byte(strings.Repeat(strings.Repeat("<div>", 400)+"<p>y"+strings.Repeat("</div>", 400), 5<<20/4400))
		}, archive.Invalid, 0},
		{"100,000 unclosed p and li (flat, not deep)", "flat.html", func() []byte {
			return []byte(strings.Repeat("<p>para", 50000) + "<ul>" + strings.Repeat("<li>item", 50000))
		}, archive.Other, 0},
		{"100,000 unclosed a (the parser closes each)", "links.html", func() []byte { return []byte(strings.Repeat(`<a href="https://example.com/">x`, 100000)) }, archive.Other, 0},
		{"invalid UTF-8 html", "bad.html", func() []byte {
			return []byte("<html><head><meta charset=\"utf-8\"><title>t\xff\xfe</title></head><body><p>\xc3\x28 bad \xe2\x82</p><blockquote class=\"twitter-tweet\"><a href=\"https://twitter.com/a/status/1196540095848996871\">x\xff</a></blockquote></body></html>")
		}, archive.Other, 1},
		{"invalid UTF-8 text", "bad.txt", func() []byte { return []byte("t\xff\xfe\nhttps://x.com/a/status/1196540095848996871\n") }, archive.Other, 1},
		{"deep markup escaped in an attribute", "esc.html", func() []byte {
			return []byte(`<div data-embed="` + strings.Repeat("&lt;div&gt;", 100000) + `&lt;iframe src='https://www.youtube.com/embed/dQw4w9WgXcQ'&gt;"></div>`)
		}, archive.Other, 0},
		{"200 escaped fragments 4,000 deep", "frag.html", func() []byte {
			frag := `<div data-embed="` + strings.Repeat("&lt;div&gt;", 4000) + `&lt;iframe src='https://www.youtube.com/embed/dQw4w9WgXcQ'&gt;"></div>`
			return []byte(strings.Repeat(frag, 200))
		}, archive.Other, 0},
		{"a huge attribute", "attr.html", func() []byte {
			return []byte(`<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ` + strings.Repeat("a", 4<<20) + `"></iframe>`)
		}, archive.Other, 0},
	}
	x := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := tt.raw()
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			ex, err := x.Extract(context.Background(), tt.source, raw)
			elapsed := time.Since(start)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > uint64(40*len(raw)+64<<20) {
				t.Errorf("allocated %d MB for %d bytes of input", grew>>20, len(raw))
			}
			if tt.kind != archive.Other {
				if err == nil {
					t.Fatalf("no error, want kind %v", tt.kind)
				}
				if k := archive.KindOf(err); k != tt.kind {
					t.Fatalf("error %v of kind %v, want %v", err, k, tt.kind)
				}
				if !strings.Contains(err.Error(), tt.source) {
					t.Errorf("error %q does not name the input", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v, want a result", err)
			}
			if len(ex.Embeds) != tt.embeds {
				t.Errorf("%d embeds, want %d: %+v", len(ex.Embeds), tt.embeds, ex.Embeds)
			}
		})
	}
}
