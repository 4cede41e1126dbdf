package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/bolt"
	"github.com/embedarchive/embedarchive/internal/dirblob"
)

// TestWARCDownloads checks that the article page and a snapshot's row link
// the WARC of the run that fetched them, and that /raw serves it as a
// .warc.gz attachment.
func TestWARCDownloads(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := bolt.Open(filepath.Join(dir, "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	blobs := dirblob.New(filepath.Join(dir, "blobs"))

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte("WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
	_ = zw.Close()
	warc := gz.Bytes()
	key, err := blobs.Put(ctx, warc, archive.WARCContentType)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC)
	ref := archive.PostRef{Platform: archive.Bluesky, ID: "3kwarc", URL: "https://bsky.app/profile/someone/post/3kwarc"}
	art := archive.ArticleView{
		Article: archive.Article{ID: "s3://articles/warc.html", SHA256: archive.Digest([]byte("a")), ProcessedAt: at,
			Status: archive.ArticleComplete, EmbedCount: 1, WARC: key},
		Embeds: []archive.Embed{{PostRef: ref, Kind: archive.KindEmbed, Markup: "blockquote"}}, Quotes: []archive.Quote{},
	}
	if err := st.PutArticle(ctx, art); err != nil {
		t.Fatal(err)
	}
	svc := &archive.Service{Store: st, Blobs: blobs, RecheckAfter: -1, Log: quietLogger()}
	if _, err := svc.RecordCapture(ctx, archive.Capture{Post: ref, Status: archive.StatusLive, WARC: key, Snapshots: []archive.Snapshot{
		{Source: archive.SourceOEmbed, FetchedAt: at, Status: archive.StatusLive, HTTPStatus: 200, Text: "hello", Body: []byte(`{"html":"hello"}`)},
	}}, at); err != nil {
		t.Fatal(err)
	}

	srv := httptest.NewServer(NewHandler(svc, WithLogger(quietLogger()), WithBlobs(blobs)))
	defer srv.Close()
	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	link := `href="/raw?key=` + url.QueryEscape(key) + `"`
	if _, page := get("/article?id=" + url.QueryEscape(art.Article.ID)); !strings.Contains(page, `id="warc-link"`) || !strings.Contains(page, link) {
		t.Errorf("article page has no WARC link %s", link)
	}
	if _, page := get("/post?key=" + ref.Key()); !strings.Contains(page, `class="warc-link"`) || !strings.Contains(page, link) {
		t.Errorf("post page has no WARC link %s on its snapshot", link)
	}
	if _, js := get("/api/articles?id=" + url.QueryEscape(art.Article.ID)); !strings.Contains(js, `"warc":"`+key+`"`) {
		t.Errorf("API article lacks its WARC key: %s", js)
	}
	resp, body := get("/raw?key=" + url.QueryEscape(key))
	if resp.StatusCode != 200 || body != string(warc) {
		t.Fatalf("WARC download: %d, %d bytes", resp.StatusCode, len(body))
	}
	if cd := resp.Header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename="[0-9a-f]{16}\.warc\.gz"$`).MatchString(cd) {
		t.Errorf("Content-Disposition %q, want a .warc.gz attachment", cd)
	}
	for _, tt := range []struct {
		body []byte
		ext  string
	}{{[]byte("WARC/1.1\r\n"), ".warc"}, {[]byte("<html>"), ".bin"}, {[]byte{0x1f, 0x8b, 0}, ".bin"}, {warc, ".warc.gz"}} {
		if got := blobExt(tt.body); got != tt.ext {
			t.Errorf("blobExt(%q) = %q, want %q", tt.body, got, tt.ext)
		}
	}
}
