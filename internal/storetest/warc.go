package storetest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/nlnwa/gowarc/v3"
)

// NewFetcher builds the real fetcher for RunServiceWARC: one that offers
// archive.WARCFetcher and may reach loopback addresses.
type NewFetcher func(t *testing.T) archive.Fetcher

// pageExtractor reads "embed ID" lines as LinkedIn posts whose pages are
// served under base.
type pageExtractor struct{ base string }

func (e pageExtractor) Extract(ctx context.Context, source string, raw []byte) (*archive.Extraction, error) {
	x := &archive.Extraction{Source: source, Body: string(raw), Embeds: []archive.Embed{}, Quotes: []archive.Quote{}}
	for _, line := range strings.Split(string(raw), "\n") {
		if id, ok := strings.CutPrefix(strings.TrimSpace(line), "embed "); ok {
			x.Embeds = append(x.Embeds, archive.Embed{Kind: archive.KindEmbed, Markup: "iframe", Text: "shown " + id,
				PostRef: archive.PostRef{Platform: archive.LinkedIn, ID: id, URL: e.base + "/p/" + id}})
		}
	}
	return x, nil
}

// RunServiceWARC checks that the Service keeps a WARC of each archive
// run's fetches when its Fetcher offers archive.WARCFetcher: the posts'
// pages come from a loopback stand-in, the WARC is a blob that gowarc reads
// back strictly with a request and a response record per page, and the
// article, its posts and their new snapshots name it. A re-delivery stores
// nothing; a later run keeps its own WARC without touching the snapshots
// already kept.
func RunServiceWARC(t *testing.T, newStore NewStore, newFetcher NewFetcher) {
	var hits atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/p/", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><meta property="og:title" content="Someone (@someone)"><meta property="og:description" content="the post at %s"></head><body></body></html>`, r.URL.Path)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	s := newStore(t)
	blobs := &MemBlobs{}
	svc := &archive.Service{Extractor: pageExtractor{base: srv.URL}, Fetcher: newFetcher(t), Store: s, Blobs: blobs}
	if _, ok := svc.Fetcher.(archive.WARCFetcher); !ok {
		t.Fatalf("fetcher %T does not offer archive.WARCFetcher", svc.Fetcher)
	}
	archiveIt := func(id, body string) *archive.Archived {
		t.Helper()
		out, err := svc.ArchiveArticle(t.Context(), archive.ArticleRef{ID: id}, []byte(body))
		if err != nil {
			t.Fatalf("archive %s: %v", id, err)
		}
		return out
	}

	out := archiveIt("file:///news/warc.html", "embed 1\nembed 2\n")
	key := out.Article.WARC
	if out.Article.Status != archive.ArticleComplete || key == "" {
		t.Fatalf("archived: status %s (%s), WARC %q; want complete with a WARC", out.Article.Status, out.Article.Reason, key)
	}
	if got := get(s.Article(t.Context(), "file:///news/warc.html"))(t); got.Article.WARC != key {
		t.Errorf("stored article WARC = %q, want %q", got.Article.WARC, key)
	}
	warc := get(blobs.Get(t.Context(), key))(t)
	if archive.BlobKey(archive.Digest(warc)) != key {
		t.Errorf("WARC blob key %s is not its content's", key)
	}
	var records []string
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(warc), 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatalf("reading back WARC record %d: %v", len(records), err)
		}
		records = append(records, rec.WarcRecord.Type().String()+" "+rec.WarcRecord.WarcHeader().Get(gowarc.WarcTargetURI))
		_ = rec.Close()
	}
	for _, id := range []string{"1", "2"} {
		for _, ty := range []string{"request", "response"} {
			if want := ty + " " + srv.URL + "/p/" + id; !slices.Contains(records, want) {
				t.Errorf("WARC has no %q; records %q", want, records)
			}
		}
	}

	pv := get(s.Post(t.Context(), "linkedin:1"))(t)
	if pv.Post.WARC != key {
		t.Errorf("post WARC = %q, want %q", pv.Post.WARC, key)
	}
	pageSnaps := 0
	for _, sn := range pv.Snapshots {
		switch {
		case sn.Source == archive.SourceMarkup && sn.WARC != "":
			t.Errorf("markup snapshot names WARC %q; it was not fetched", sn.WARC)
		case sn.Source == archive.SourcePage:
			pageSnaps++
			if sn.WARC != key || sn.Status != archive.StatusLive {
				t.Errorf("page snapshot: status %s, WARC %q; want live, %q", sn.Status, sn.WARC, key)
			}
		}
	}
	if pageSnaps != 1 {
		t.Fatalf("%d page snapshots, want 1: %s", pageSnaps, mustJSON(t, pv.Snapshots))
	}

	// A re-delivery of the same bytes fetches nothing and stores no WARC.
	stored, fetched := blobs.Stored, hits.Load()
	if again := archiveIt("file:///news/warc.html", "embed 1\nembed 2\n"); !again.Unchanged || again.Article.WARC != key {
		t.Errorf("re-delivery: unchanged=%v WARC %q, want unchanged with %q", again.Unchanged, again.Article.WARC, key)
	}
	if blobs.Stored != stored || hits.Load() != fetched {
		t.Errorf("re-delivery stored %d blobs and made %d requests, want none", blobs.Stored-stored, hits.Load()-fetched)
	}

	// Another article showing the same, unchanged post: its own WARC, and
	// the snapshot already kept keeps the WARC it was first recorded with.
	other := archiveIt("file:///news/other.html", "embed 1\n")
	if other.Article.WARC == "" || other.Article.WARC == key {
		t.Errorf("second article WARC = %q, want its own", other.Article.WARC)
	}
	pv2 := get(s.Post(t.Context(), "linkedin:1"))(t)
	if len(pv2.Snapshots) != len(pv.Snapshots) {
		t.Errorf("unchanged post: %d snapshots, want %d", len(pv2.Snapshots), len(pv.Snapshots))
	}
	for _, sn := range pv2.Snapshots {
		if sn.Source == archive.SourcePage && sn.WARC != key {
			t.Errorf("kept page snapshot now names WARC %q, want still %q", sn.WARC, key)
		}
	}
	if pv2.Post.WARC != other.Article.WARC {
		t.Errorf("post WARC = %q, want the latest fetch's %q", pv2.Post.WARC, other.Article.WARC)
	}
}
