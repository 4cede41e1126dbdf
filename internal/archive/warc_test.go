package archive_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/storetest"
)

// warcScripted is the scripted fetcher with the WARCFetcher capability:
// its WARC names the posts fetched.
type warcScripted struct{ *scripted }

func (f warcScripted) FetchWARC(ctx context.Context, posts []archive.Embed) ([]archive.Capture, []byte, error) {
	warc := "WARC of"
	for _, p := range posts {
		warc += " " + p.Key()
	}
	return f.Fetch(ctx, posts), []byte(warc), nil
}

// failingWARCBlobs refuses to keep WARC files, as a throttled bucket would.
type failingWARCBlobs struct{ storetest.MemBlobs }

func (b *failingWARCBlobs) Put(ctx context.Context, body []byte, contentType string) (string, error) {
	if contentType == archive.WARCContentType {
		return "", archive.Errorf("test.Put", archive.Throttled, "slow down")
	}
	return b.MemBlobs.Put(ctx, body, contentType)
}

// TestRecheckKeepsWARC: a recheck keeps the WARC of its fetches; the post
// names it, a new snapshot names it, a snapshot already kept keeps its own.
func TestRecheckKeepsWARC(t *testing.T) {
	svc, f, clk := newService(t)
	blobs := &storetest.MemBlobs{}
	svc.Blobs = blobs
	refs := seed(t, svc, f)[:2]
	svc.Fetcher = warcScripted{f}

	clk.t = clk.t.Add(2 * time.Hour)
	f.answers[refs[0].Key()] = live("edited words of 1")
	got, err := svc.Recheck(t.Context(), archive.RecheckOptions{Batch: 10})
	if err != nil || got.Checked != 3 || got.Edited != 1 {
		t.Fatalf("recheck: %+v, %v", got, err)
	}
	first, err := svc.Store.Post(t.Context(), refs[0].Key())
	if err != nil {
		t.Fatal(err)
	}
	key := first.Post.WARC
	b, err := blobs.Get(t.Context(), key)
	if err != nil || !strings.HasPrefix(string(b), "WARC of") || archive.BlobKey(archive.Digest(b)) != key {
		t.Fatalf("post WARC %q: blob %q, %v", key, b, err)
	}
	for _, k := range []string{"twitter:1", "twitter:2", "bluesky:b.example/3"} {
		if !strings.Contains(string(b), k) {
			t.Errorf("WARC %q does not cover %s", b, k)
		}
	}
	for i, ref := range refs {
		pv, err := svc.Store.Post(t.Context(), ref.Key())
		if err != nil {
			t.Fatal(err)
		}
		if pv.Post.WARC != key {
			t.Errorf("%s: post WARC %q, want %q", ref.Key(), pv.Post.WARC, key)
		}
		var named int
		for _, sn := range pv.Snapshots {
			if sn.WARC == key {
				named++
			}
		}
		// refs[0] changed: its new snapshot names the WARC. refs[1] did
		// not: its kept snapshot was recorded without one and stays so.
		if want := []int{1, 0}[i]; named != want {
			t.Errorf("%s: %d snapshots name the WARC, want %d", ref.Key(), named, want)
		}
	}
}

// TestArchiveWARCNotKept: a WARC the blob store refuses leaves the article
// incomplete with the store's error kind, so that a caller retries.
func TestArchiveWARCNotKept(t *testing.T) {
	svc, f, _ := newService(t)
	svc.Extractor = storetest.LineExtractor{}
	svc.Fetcher = warcScripted{f}
	svc.Blobs = &failingWARCBlobs{}
	f.answers["twitter:1"] = live("words")
	out, err := svc.ArchiveArticle(t.Context(), archive.ArticleRef{ID: "s3://news/w.html"}, []byte("embed twitter 1 words\n"))
	if archive.KindOf(err) != archive.Throttled {
		t.Fatalf("error %v, want kind Throttled", err)
	}
	if out == nil || out.Article.Status != archive.ArticleIncomplete || !strings.Contains(out.Article.Reason, "warc: not kept") || out.Article.WARC != "" {
		t.Fatalf("result %+v, want incomplete (warc: not kept) without a WARC", out)
	}

	svc.Blobs = &storetest.MemBlobs{}
	again, err := svc.ArchiveArticle(t.Context(), archive.ArticleRef{ID: "s3://news/w.html"}, []byte("embed twitter 1 words\n"))
	if err != nil || again.Article.Status != archive.ArticleComplete || again.Article.WARC != archive.BlobKey(archive.Digest([]byte("WARC of twitter:1"))) {
		t.Fatalf("retry: %+v, %v", again, err)
	}
}
