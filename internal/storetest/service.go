package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// LineExtractor is an archive.Extractor for tests over a line format:
// "title T", "embed PLATFORM ID [TEXT]", "link PLATFORM ID",
// "quote SPEAKER | TEXT"; "invalid" makes the article invalid.
type LineExtractor struct{}

// Extract parses raw's lines.
func (LineExtractor) Extract(ctx context.Context, source string, raw []byte) (*archive.Extraction, error) {
	x := &archive.Extraction{Source: source, Body: string(raw), Embeds: []archive.Embed{}, Quotes: []archive.Quote{}}
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "invalid":
			return nil, archive.Errorf("test.Extract", archive.Invalid, "not an article")
		case "title":
			x.Title = strings.Join(f[1:], " ")
		case "embed", "link":
			kind := archive.KindEmbed
			if f[0] == "link" {
				kind = archive.KindLink
			}
			ref := Post(archive.Platform(f[1]), f[2])
			x.Embeds = append(x.Embeds, archive.Embed{PostRef: ref, Kind: kind, Markup: "blockquote",
				AuthorHandle: "author" + f[2], Text: strings.Join(f[3:], " ")})
		case "quote":
			sp, text, _ := strings.Cut(strings.TrimPrefix(line, "quote "), " | ")
			x.Quotes = append(x.Quotes, archive.Quote{Text: text, Speaker: sp, SpeakerStart: -1, SpeakerEnd: -1, Cue: "said"})
		}
	}
	return x, nil
}

// Fetcher is an archive.Fetcher for tests: every post answers live with a
// page body "page of KEY vN", where N is Version[key] (0 by default);
// posts in Fail answer with that status instead. Safe for concurrent use.
type Fetcher struct {
	mu      sync.Mutex
	Version map[string]int
	Fail    map[string]archive.Status
	Calls   atomic.Int64
	Clock   func() time.Time
}

// Set changes what a post answers: a status other than live makes it fail.
func (f *Fetcher) Set(key string, version int, st archive.Status) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.Version == nil {
		f.Version, f.Fail = map[string]int{}, map[string]archive.Status{}
	}
	f.Version[key] = version
	if st == archive.StatusLive || st == "" {
		delete(f.Fail, key)
	} else {
		f.Fail[key] = st
	}
}

// Fetch captures every post.
func (f *Fetcher) Fetch(ctx context.Context, posts []archive.Embed) []archive.Capture {
	f.Calls.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	now := Base
	if f.Clock != nil {
		now = f.Clock()
	}
	out := make([]archive.Capture, len(posts))
	for i, e := range posts {
		k := e.Key()
		markup := archive.Snapshot{Source: archive.SourceMarkup, FetchedAt: now, Status: archive.StatusLive,
			Text: e.Text, AuthorHandle: e.AuthorHandle}
		if st, ok := f.Fail[k]; ok {
			failed := archive.Snapshot{Source: archive.SourcePage, RequestURL: e.URL, FetchedAt: now, Status: st, Reason: "test: " + string(st)}
			out[i] = archive.Capture{Post: e.PostRef, Status: st, Snapshots: []archive.Snapshot{markup, failed}}
			continue
		}
		body := []byte(fmt.Sprintf("page of %s v%d", k, f.Version[k]))
		page := archive.Snapshot{Source: archive.SourcePage, RequestURL: e.URL, FinalURL: e.URL, HTTPStatus: 200,
			FetchedAt: now, Status: archive.StatusLive, Body: body, Text: fmt.Sprintf("text of %s v%d", k, f.Version[k]),
			AuthorHandle: e.AuthorHandle, Headers: map[string]string{"Content-Type": "text/html"}}
		out[i] = archive.Capture{Post: e.PostRef, Status: archive.StatusLive, Snapshots: []archive.Snapshot{markup, page}}
	}
	return out
}

// CountingStore wraps a Store, counts the writes asked of it and can fail
// the first FailCaptures RecordCapture calls with kind Throttled.
type CountingStore struct {
	archive.Store
	PutArticles    atomic.Int64
	RecordCaptures atomic.Int64
	FailCaptures   atomic.Int64
}

// PutArticle counts and passes on.
func (c *CountingStore) PutArticle(ctx context.Context, v archive.ArticleView) error {
	c.PutArticles.Add(1)
	return c.Store.PutArticle(ctx, v)
}

// RecordCapture counts and passes on, or fails while FailCaptures lasts.
func (c *CountingStore) RecordCapture(ctx context.Context, cp archive.Capture, at, next time.Time) (*archive.Post, error) {
	c.RecordCaptures.Add(1)
	if c.FailCaptures.Add(-1) >= 0 {
		return nil, archive.Errorf("test.RecordCapture", archive.Throttled, "rate exceeded")
	}
	return c.Store.RecordCapture(ctx, cp, at, next)
}

// Writes returns the writes counted since the last call.
func (c *CountingStore) Writes() int64 {
	return c.PutArticles.Swap(0) + c.RecordCaptures.Swap(0)
}

// MemBlobs is archive.Blobs in memory, counting the puts that stored new
// bytes.
type MemBlobs struct {
	mu     sync.Mutex
	m      map[string][]byte
	Stored int
}

// Put keeps body under its digest.
func (b *MemBlobs) Put(ctx context.Context, body []byte, contentType string) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil {
		b.m = map[string][]byte{}
	}
	k := archive.BlobKey(archive.Digest(body))
	if _, ok := b.m[k]; !ok {
		b.m[k] = slices.Clone(body)
		b.Stored++
	}
	return k, nil
}

// Get returns the bytes under key.
func (b *MemBlobs) Get(ctx context.Context, key string) ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	body, ok := b.m[key]
	if !ok {
		return nil, archive.Errorf("mem.Get", archive.NotFound, "%s", key)
	}
	return body, nil
}

// Rig is a Service over a store under test, with the test extractor,
// fetcher and blobs.
type Rig struct {
	Service *archive.Service
	Store   *CountingStore
	Fetcher *Fetcher
	Blobs   *MemBlobs
	now     atomic.Int64
}

// NewRig builds a Service on s whose clock advances a minute per call.
func NewRig(s archive.Store) *Rig {
	r := &Rig{Store: &CountingStore{Store: s}, Fetcher: &Fetcher{}, Blobs: &MemBlobs{}}
	clock := func() time.Time { return Base.Add(time.Duration(r.now.Add(1)) * time.Minute) }
	r.Fetcher.Clock = clock
	r.Service = &archive.Service{Extractor: LineExtractor{}, Fetcher: r.Fetcher, Store: r.Store, Blobs: r.Blobs, Now: clock}
	return r
}

// Archive archives body as article id and fails the test on error.
func (r *Rig) Archive(t *testing.T, id, body string) *archive.Archived {
	t.Helper()
	out, err := r.Service.ArchiveArticle(t.Context(), archive.ArticleRef{ID: id}, []byte(body))
	if err != nil {
		t.Fatalf("archive %s: %v", id, err)
	}
	return out
}

// RunService runs the Service's storage claims against stores made by
// newStore: idempotence, versions, shared posts, partial failure and
// concurrency.
func RunService(t *testing.T, newStore NewStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, r *Rig)
	}{
		{"UnchangedArticleWritesNothing", testUnchangedArticle},
		{"UnchangedPostNoNewSnapshot", testUnchangedPost},
		{"ChangedArticleNewVersion", testChangedArticle},
		{"FailedFetchIncompleteThenComplete", testFailedFetch},
		{"ThrottledWriteIncompleteThenComplete", testThrottledWrite},
		{"ConcurrentRunsSameArticle", testConcurrentRuns},
		{"InvalidArticleRecordedOnce", testInvalidArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, NewRig(newStore(t))) })
	}
}

const articleV1 = `title Tariffs
embed twitter 1 Oopsie, too late.
embed instagram C3 a photo
link twitter 1
link youtube v9
quote Nayib Bukele | Oopsie, too late.
quote Lee Gelernt | This is not over.
`

// snapshotCounts returns each post's number of snapshots and back-links.
func snapshotCounts(t *testing.T, s archive.Store, keys ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, k := range keys {
		pv, err := s.Post(t.Context(), k)
		if err != nil {
			t.Fatalf("post %s: %v", k, err)
		}
		out[k] = fmt.Sprintf("%d snapshots, articles %v", len(pv.Snapshots), pv.Articles)
	}
	return out
}

var v1Posts = []string{"twitter:1", "instagram:C3", "youtube:v9"}

func testUnchangedArticle(t *testing.T, r *Rig) {
	first := r.Archive(t, "file:///news/a.html", articleV1)
	if first.Unchanged || first.Article.Status != archive.ArticleComplete || len(first.Posts) != 3 {
		t.Fatalf("first run: unchanged=%v status=%s reason=%q posts=%d", first.Unchanged, first.Article.Status, first.Article.Reason, len(first.Posts))
	}
	if first.Article.EmbedCount != 2 || first.Article.LinkCount != 2 || first.Article.QuoteCount != 2 {
		t.Errorf("counts: %+v", first.Article)
	}
	before := snapshotCounts(t, r.Store, v1Posts...)
	r.Store.Writes()
	stored, fetches := r.Blobs.Stored, r.Fetcher.Calls.Load()
	second := r.Archive(t, "file:///news/a.html", articleV1)
	if !second.Unchanged {
		t.Error("second run of the same bytes not reported unchanged")
	}
	if w := r.Store.Writes(); w != 0 {
		t.Errorf("second run asked the store for %d writes, want 0", w)
	}
	if r.Blobs.Stored != stored || r.Fetcher.Calls.Load() != fetches {
		t.Errorf("second run stored %d blobs and fetched %d times, want none", r.Blobs.Stored-stored, r.Fetcher.Calls.Load()-fetches)
	}
	if after := snapshotCounts(t, r.Store, v1Posts...); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("posts changed:\n before %v\n after  %v", before, after)
	}
	if len(second.Posts) != 3 || !second.Article.ProcessedAt.Equal(first.Article.ProcessedAt) {
		t.Errorf("second run result: %d posts, processed %v (first %v)", len(second.Posts), second.Article.ProcessedAt, first.Article.ProcessedAt)
	}
}

func testUnchangedPost(t *testing.T, r *Rig) {
	r.Archive(t, "s3://news/a.html", articleV1)
	before, _ := r.Store.Post(t.Context(), "twitter:1")
	r.Archive(t, "s3://news/b.html", "title Other\nembed twitter 1 Oopsie, too late.\n")
	pv, err := r.Store.Post(t.Context(), "twitter:1")
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Snapshots) != len(before.Snapshots) {
		t.Errorf("unchanged post shown by a second article: %d snapshots, want %d", len(pv.Snapshots), len(before.Snapshots))
	}
	if want := []string{"s3://news/a.html", "s3://news/b.html"}; !slices.Equal(pv.Articles, want) {
		t.Errorf("back-links = %v, want %v", pv.Articles, want)
	}
	res, err := r.Service.Query(t.Context(), archive.Query{Post: "https://twitter.example/1"})
	if err == nil || archive.KindOf(err) != archive.Invalid {
		t.Errorf("query by URL without a resolver: %v, want kind Invalid", err)
	}
	r.Service.ResolvePost = func(u string) (archive.PostRef, bool) {
		return Post(archive.Twitter, u[strings.LastIndex(u, "/")+1:]), true
	}
	if res, err = r.Service.Query(t.Context(), archive.Query{Post: "https://twitter.example/1"}); err != nil || len(res.Posts) != 1 {
		t.Errorf("query by URL: %v, %v", res, err)
	}
	// A changed post gets a new snapshot and is marked edited.
	r.Fetcher.Set("twitter:1", 1, archive.StatusLive)
	r.Archive(t, "s3://news/c.html", "embed twitter 1 Oopsie, too late.\n")
	pv, _ = r.Store.Post(t.Context(), "twitter:1")
	if len(pv.Snapshots) != len(before.Snapshots)+1 || !pv.Post.Edited {
		t.Errorf("changed post: %d snapshots (want %d), edited=%v", len(pv.Snapshots), len(before.Snapshots)+1, pv.Post.Edited)
	}
}

func testChangedArticle(t *testing.T, r *Rig) {
	id := "file:///news/a.html"
	v1 := r.Archive(t, id, articleV1)
	v2body := "title Tariffs (updated)\nembed instagram C3 a photo\nembed bluesky 3k new post\nquote Lee Gelernt | This is not over.\n"
	v2 := r.Archive(t, id, v2body)
	if v2.Unchanged || v2.Article.SHA256 == v1.Article.SHA256 || v2.Article.Title != "Tariffs (updated)" {
		t.Fatalf("changed article not a new version: %+v", v2.Article)
	}
	got, err := r.Store.Article(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, e := range got.Embeds {
		keys = append(keys, e.Key())
	}
	if want := []string{"instagram:C3", "bluesky:3k"}; !slices.Equal(keys, want) || len(got.Quotes) != 1 {
		t.Errorf("edges = %v (want %v), %d quotes (want 1)", keys, want, len(got.Quotes))
	}
	for k, want := range map[string][]string{"twitter:1": nil, "youtube:v9": nil, "instagram:C3": {id}, "bluesky:3k": {id}} {
		pv, err := r.Store.Post(t.Context(), k)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(pv.Articles, want) {
			t.Errorf("%s back-links = %v, want %v", k, pv.Articles, want)
		}
	}
	res, err := r.Service.Query(t.Context(), archive.Query{Speaker: "nayib bukele"})
	if err != nil || len(res.Quotes) != 0 {
		t.Errorf("quote removed by the new version still found: %v %v", res, err)
	}
}

func testFailedFetch(t *testing.T, r *Rig) {
	id := "s3://news/a.html"
	r.Fetcher.Set("instagram:C3", 0, archive.StatusError)
	first := r.Archive(t, id, articleV1)
	if first.Article.Status != archive.ArticleIncomplete || !strings.Contains(first.Article.Reason, "instagram:C3: error") {
		t.Fatalf("after a failed fetch: status %s, reason %q", first.Article.Status, first.Article.Reason)
	}
	got, err := r.Store.Article(t.Context(), id)
	if err != nil || got.Article.Status != archive.ArticleIncomplete || len(got.Embeds) != 4 {
		t.Fatalf("stored after a failed fetch: %+v %v", got, err)
	}
	pv, err := r.Store.Post(t.Context(), "instagram:C3")
	if err != nil || pv.Post.Status != archive.StatusError || len(pv.Snapshots) != 2 {
		t.Fatalf("failed post kept as: %+v %v", pv, err)
	}
	r.Fetcher.Set("instagram:C3", 0, archive.StatusLive)
	second := r.Archive(t, id, articleV1)
	if second.Unchanged || second.Article.Status != archive.ArticleComplete || second.Article.Reason != "" {
		t.Fatalf("retry: unchanged=%v status %s reason %q", second.Unchanged, second.Article.Status, second.Article.Reason)
	}
	pv, _ = r.Store.Post(t.Context(), "instagram:C3")
	if pv.Post.Status != archive.StatusLive || len(pv.Snapshots) != 3 {
		t.Errorf("after the retry: status %s, %d snapshots (want live, 3: markup, failure, page)", pv.Post.Status, len(pv.Snapshots))
	}
	if third := r.Archive(t, id, articleV1); !third.Unchanged {
		t.Error("a completed article archived again is not unchanged")
	}
}

func testThrottledWrite(t *testing.T, r *Rig) {
	id := "s3://news/a.html"
	r.Store.FailCaptures.Store(1)
	out, err := r.Service.ArchiveArticle(t.Context(), archive.ArticleRef{ID: id}, []byte(articleV1))
	if archive.KindOf(err) != archive.Throttled {
		t.Fatalf("throttled write: error %v, want kind Throttled", err)
	}
	if out == nil || out.Article.Status != archive.ArticleIncomplete {
		t.Fatalf("throttled write: result %+v", out)
	}
	got, err := r.Store.Article(t.Context(), id)
	if err != nil || got.Article.Status != archive.ArticleIncomplete {
		t.Fatalf("stored after a throttled write: %+v %v", got, err)
	}
	second := r.Archive(t, id, articleV1)
	if second.Article.Status != archive.ArticleComplete {
		t.Fatalf("retry: status %s, reason %q", second.Article.Status, second.Article.Reason)
	}
	counts := snapshotCounts(t, r.Store, v1Posts...)
	for _, k := range v1Posts {
		if want := fmt.Sprintf("2 snapshots, articles [%s]", id); counts[k] != want {
			t.Errorf("%s: %s, want %s", k, counts[k], want)
		}
	}
}

func testConcurrentRuns(t *testing.T, r *Rig) {
	id := "s3://news/race.html"
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			_, err := r.Service.ArchiveArticle(t.Context(), archive.ArticleRef{ID: id}, []byte(articleV1))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := r.Store.Article(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Article.Status != archive.ArticleComplete || len(got.Embeds) != 4 || len(got.Quotes) != 2 {
		t.Errorf("after concurrent runs: status %s, %d edges, %d quotes", got.Article.Status, len(got.Embeds), len(got.Quotes))
	}
	counts := snapshotCounts(t, r.Store, v1Posts...)
	for _, k := range v1Posts {
		if want := fmt.Sprintf("2 snapshots, articles [%s]", id); counts[k] != want {
			t.Errorf("%s: %s, want %s (nothing lost, nothing doubled)", k, counts[k], want)
		}
	}
	res, err := r.Service.Query(t.Context(), archive.Query{Speaker: "Lee Gelernt"})
	if err != nil || len(res.Quotes) != 1 {
		t.Errorf("speaker query after concurrent runs: %d quotes, %v; want 1", len(res.Quotes), err)
	}
}

func testInvalidArticle(t *testing.T, r *Rig) {
	id := "file:///junk.bin"
	out, err := r.Service.ArchiveArticle(t.Context(), archive.ArticleRef{ID: id}, []byte("invalid\n"))
	if archive.KindOf(err) != archive.Invalid || out == nil || out.Article.Status != archive.ArticleFailed {
		t.Fatalf("invalid article: %+v, %v", out, err)
	}
	r.Store.Writes()
	_, err = r.Service.ArchiveArticle(t.Context(), archive.ArticleRef{ID: id}, []byte("invalid\n"))
	if archive.KindOf(err) != archive.Invalid {
		t.Errorf("invalid article again: %v, want kind Invalid", err)
	}
	if w := r.Store.Writes(); w != 0 {
		t.Errorf("invalid article again: %d writes, want 0", w)
	}
}
