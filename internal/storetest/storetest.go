// Package storetest is the conformance suite every archive.Store passes:
// one test body run against each store, the way go-cloud's drivertest serves
// its drivers. A store's test calls RunStore in three lines.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// NewStore returns a new, empty store for one subtest.
type NewStore func(t *testing.T) archive.Store

// Base is the fixed clock the suite's records start from.
var Base = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// RunStore runs the conformance suite against stores made by newStore.
func RunStore(t *testing.T, newStore NewStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s archive.Store)
	}{
		{"NotFound", testNotFound},
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"ArticleNewVersionMovesEdges", testArticleNewVersion},
		{"SharedPostBackLinks", testSharedPost},
		{"CaptureIdempotent", testCaptureIdempotent},
		{"CaptureChangedAddsSnapshot", testCaptureChanged},
		{"TransientFailureKeepsStatus", testTransientKeepsStatus},
		{"QueryAuthor", testQueryAuthor},
		{"QueryPlatformSince", testQueryPlatform},
		{"QueryStatus", testQueryStatus},
		{"QuerySpeaker", testQuerySpeaker},
		{"QueryArticleList", testQueryArticleList},
		{"Pagination", testPagination},
		{"BadCursor", testBadCursor},
		{"DuePosts", testDuePosts},
		{"ConcurrentCaptures", testConcurrentCaptures},
		{"ConcurrentPutArticle", testConcurrentPutArticle},
		{"WARCKeysKept", testWARCKeys},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			tt.fn(t, s)
		})
	}
}

// Post builds a post reference for tests.
func Post(p archive.Platform, id string) archive.PostRef {
	return archive.PostRef{Platform: p, ID: id, URL: fmt.Sprintf("https://%s.example/%s", p, id)}
}

// LiveCapture builds a capture with one live page snapshot carrying body
// and text.
func LiveCapture(ref archive.PostRef, handle, text, body string, published, fetched time.Time) archive.Capture {
	sn := archive.Snapshot{
		Source: archive.SourcePage, RequestURL: ref.URL, FinalURL: ref.URL, HTTPStatus: 200,
		FetchedAt: fetched, Status: archive.StatusLive, Body: []byte(body),
		SHA256: archive.Digest([]byte(body)), BlobKey: archive.BlobKey(archive.Digest([]byte(body))),
		Text: text, AuthorName: "Name of " + handle, AuthorHandle: handle, PublishedAt: published,
	}
	return archive.Capture{Post: ref, Status: archive.StatusLive, Snapshots: []archive.Snapshot{sn}}
}

// FailedCapture builds a capture whose only snapshot is a failed fetch.
func FailedCapture(ref archive.PostRef, st archive.Status, reason string, fetched time.Time) archive.Capture {
	sn := archive.Snapshot{Source: archive.SourcePage, RequestURL: ref.URL, FetchedAt: fetched, Status: st, Reason: reason}
	return archive.Capture{Post: ref, Status: st, Snapshots: []archive.Snapshot{sn}}
}

// ArticleView builds an article that embeds refs and quotes speakers.
func ArticleView(id string, processed time.Time, refs []archive.PostRef, speakers ...string) archive.ArticleView {
	v := archive.ArticleView{
		Article: archive.Article{ID: id, SHA256: archive.Digest([]byte(id + processed.String())), Title: "Title of " + id,
			ProcessedAt: processed, Status: archive.ArticleComplete, EmbedCount: len(refs), QuoteCount: len(speakers)},
		Embeds: []archive.Embed{}, Quotes: []archive.Quote{},
	}
	for _, r := range refs {
		v.Embeds = append(v.Embeds, archive.Embed{PostRef: r, Kind: archive.KindEmbed, Markup: "blockquote", Text: "shown " + r.ID})
	}
	for i, sp := range speakers {
		v.Quotes = append(v.Quotes, archive.Quote{Text: fmt.Sprintf("quote %d", i), Start: i * 10, End: i*10 + 5,
			Speaker: sp, SpeakerMention: sp, SpeakerStart: -1, SpeakerEnd: -1, Cue: "said"})
	}
	return v
}

func ctx(t *testing.T) context.Context { return t.Context() }

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func wantKind(t *testing.T, what string, err error, k archive.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want kind %v", what, k)
	}
	if got := archive.KindOf(err); got != k {
		t.Fatalf("%s: error %v has kind %v, want %v", what, err, got, k)
	}
}

// get returns v, failing the test on err: get(s.Post(ctx, key))(t).
func get[T any](v T, err error) func(testing.TB) T {
	return func(tb testing.TB) T {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func record(t *testing.T, s archive.Store, c archive.Capture, at time.Time) archive.Post {
	t.Helper()
	return *get(s.RecordCapture(ctx(t), c, at, at.Add(24*time.Hour)))(t)
}

func testNotFound(t *testing.T, s archive.Store) {
	_, err := s.Article(ctx(t), "file:///nowhere.html")
	wantKind(t, "Article", err, archive.NotFound)
	_, err = s.Post(ctx(t), "twitter:1")
	wantKind(t, "Post", err, archive.NotFound)
	_, err = s.Query(ctx(t), archive.Query{Article: "file:///nowhere.html"})
	wantKind(t, "Query article", err, archive.NotFound)
	_, err = s.Query(ctx(t), archive.Query{Post: "twitter:1"})
	wantKind(t, "Query post", err, archive.NotFound)
	res := get(s.Query(ctx(t), archive.Query{Author: "twitter:nobody"}))(t)
	if len(res.Posts) != 0 {
		t.Errorf("author query on empty store: %d posts", len(res.Posts))
	}
}

func testArticleRoundTrip(t *testing.T, s archive.Store) {
	v := ArticleView("s3://bucket/a.html", Base, []archive.PostRef{Post(archive.Twitter, "1"), Post(archive.YouTube, "abc")}, "Lee Gelernt")
	v.Article.PublishedAt = Base.Add(-time.Hour)
	v.Article.CanonicalURL = "https://news.example/a"
	v.Embeds[1].Kind = archive.KindLink
	v.Embeds[0].PublishedAt = Base.Add(-48 * time.Hour)
	noErr(t, s.PutArticle(ctx(t), v))
	got := get(s.Article(ctx(t), v.Article.ID))(t)
	if a, b := mustJSON(t, got), mustJSON(t, v); a != b {
		t.Errorf("article round trip:\n got %s\nwant %s", a, b)
	}
	res := get(s.Query(ctx(t), archive.Query{Article: v.Article.ID}))(t)
	if len(res.Articles) != 1 || mustJSON(t, res.Articles[0]) != mustJSON(t, v) {
		t.Errorf("Query article = %s", mustJSON(t, res))
	}
}

func testArticleNewVersion(t *testing.T, s archive.Store) {
	a, b, c := Post(archive.Twitter, "1"), Post(archive.Twitter, "2"), Post(archive.Instagram, "C3")
	for _, r := range []archive.PostRef{a, b, c} {
		record(t, s, LiveCapture(r, "h", "text", "body "+r.ID, Base, Base), Base)
	}
	id := "file:///news/a.html"
	noErr(t, s.PutArticle(ctx(t), ArticleView(id, Base, []archive.PostRef{a, b}, "X", "Y", "Z")))
	v2 := ArticleView(id, Base.Add(time.Hour), []archive.PostRef{b, c}, "X")
	noErr(t, s.PutArticle(ctx(t), v2))
	got := get(s.Article(ctx(t), id))(t)
	if mustJSON(t, got) != mustJSON(t, v2) {
		t.Errorf("after new version:\n got %s\nwant %s", mustJSON(t, got), mustJSON(t, v2))
	}
	for _, tc := range []struct {
		ref  archive.PostRef
		want []string
	}{{a, nil}, {b, []string{id}}, {c, []string{id}}} {
		pv := get(s.Post(ctx(t), tc.ref.Key()))(t)
		if !slices.Equal(pv.Articles, tc.want) {
			t.Errorf("post %s back-links = %v, want %v", tc.ref.Key(), pv.Articles, tc.want)
		}
	}
	res := get(s.Query(ctx(t), archive.Query{Speaker: "Y"}))(t)
	if len(res.Quotes) != 0 {
		t.Errorf("speaker of a removed quote still found: %v", res.Quotes)
	}
}

func testSharedPost(t *testing.T, s archive.Store) {
	p := Post(archive.Twitter, "42")
	record(t, s, LiveCapture(p, "h", "t", "b", Base, Base), Base)
	ids := []string{"s3://b/z.html", "file:///a.html", "s3://b/m.html"}
	for _, id := range ids {
		noErr(t, s.PutArticle(ctx(t), ArticleView(id, Base, []archive.PostRef{p})))
	}
	record(t, s, LiveCapture(p, "h", "t", "b", Base, Base.Add(time.Hour)), Base.Add(time.Hour))
	pv := get(s.Post(ctx(t), p.Key()))(t)
	want := slices.Sorted(slices.Values(ids))
	if !slices.Equal(pv.Articles, want) {
		t.Errorf("back-links = %v, want %v", pv.Articles, want)
	}
	if len(pv.Snapshots) != 1 {
		t.Errorf("post shown by 3 articles, captured twice unchanged: %d snapshots, want 1", len(pv.Snapshots))
	}
	res := get(s.Query(ctx(t), archive.Query{Author: "twitter:h"}))(t)
	if len(res.Posts) != 1 {
		t.Errorf("author query finds the shared post %d times, want once", len(res.Posts))
	}
}

func testCaptureIdempotent(t *testing.T, s archive.Store) {
	p := Post(archive.Twitter, "7")
	c := LiveCapture(p, "NayibBukele", "Oopsie, too late.", "<html>7</html>", Base.Add(-time.Hour), Base)
	c.Snapshots = append(c.Snapshots, archive.Snapshot{Source: archive.SourceMarkup, FetchedAt: Base, Status: archive.StatusLive, Text: "Oopsie, too late."})
	first := record(t, s, c, Base)
	if first.FirstArchived != Base || first.Status != archive.StatusLive || first.Text != "Oopsie, too late." ||
		first.AuthorHandle != "NayibBukele" || first.LatestDigest != c.Snapshots[0].SHA256 {
		t.Errorf("first capture: %s", mustJSON(t, first))
	}
	later := Base.Add(2 * time.Hour)
	c2 := c
	c2.Snapshots = slices.Clone(c.Snapshots)
	c2.Snapshots[0].FetchedAt = later
	second := record(t, s, c2, later)
	if !second.FirstArchived.Equal(Base) || !second.LastArchived.Equal(later) || second.Edited {
		t.Errorf("second capture: %s", mustJSON(t, second))
	}
	pv := get(s.Post(ctx(t), p.Key()))(t)
	if len(pv.Snapshots) != 2 {
		t.Fatalf("%d snapshots after recording the same capture twice, want 2", len(pv.Snapshots))
	}
	for _, sn := range pv.Snapshots {
		if !sn.FetchedAt.Equal(Base) {
			t.Errorf("snapshot %s fetched_at %v: the repeat overwrote it", sn.Source, sn.FetchedAt)
		}
		if sn.Post != p {
			t.Errorf("snapshot post = %+v, want %+v", sn.Post, p)
		}
	}
	if pv.Post.NextCheck.IsZero() {
		t.Error("NextCheck not kept")
	}
}

func testCaptureChanged(t *testing.T, s archive.Store) {
	p := Post(archive.Bluesky, "3k")
	record(t, s, LiveCapture(p, "h", "first text", "body 1", Base, Base), Base)
	t2 := Base.Add(time.Hour)
	post := record(t, s, LiveCapture(p, "h", "edited text", "body 2", Base, t2), t2)
	if !post.Edited {
		t.Error("Edited not set after a live snapshot with different text")
	}
	if post.Text != "first text" {
		t.Errorf("Text = %q, want the first archived text", post.Text)
	}
	if post.LatestDigest != archive.Digest([]byte("body 2")) {
		t.Errorf("LatestDigest = %s, want the new body's", post.LatestDigest)
	}
	pv := get(s.Post(ctx(t), p.Key()))(t)
	if len(pv.Snapshots) != 2 || !pv.Snapshots[0].FetchedAt.Equal(t2) {
		t.Errorf("snapshots (newest first) = %s", mustJSON(t, pv.Snapshots))
	}
	t3 := t2.Add(time.Hour)
	post = record(t, s, FailedCapture(p, archive.StatusDeleted, "404", t3), t3)
	if post.Status != archive.StatusDeleted {
		t.Errorf("status after a 404 = %s, want deleted", post.Status)
	}
}

func testTransientKeepsStatus(t *testing.T, s archive.Store) {
	p := Post(archive.Twitter, "9")
	record(t, s, LiveCapture(p, "h", "t", "b", Base, Base), Base)
	t2 := Base.Add(time.Hour)
	post := record(t, s, FailedCapture(p, archive.StatusError, "timeout", t2), t2)
	if post.Status != archive.StatusLive {
		t.Errorf("status after a timeout = %s, want live kept", post.Status)
	}
	fresh := Post(archive.Twitter, "10")
	post = record(t, s, FailedCapture(fresh, archive.StatusBlocked, "address not allowed", t2), t2)
	if post.Status != archive.StatusBlocked {
		t.Errorf("new post's status = %s, want blocked", post.Status)
	}
	// The same failure twice is one snapshot.
	record(t, s, FailedCapture(fresh, archive.StatusBlocked, "address not allowed", t2.Add(time.Minute)), t2.Add(time.Minute))
	pv := get(s.Post(ctx(t), fresh.Key()))(t)
	if len(pv.Snapshots) != 1 {
		t.Errorf("same failure recorded twice: %d snapshots, want 1", len(pv.Snapshots))
	}
}

// seedPosts records n twitter posts by two authors and m instagram posts,
// published one day apart, newest with the highest index.
func seedPosts(t *testing.T, s archive.Store) {
	for i := range 5 {
		handle := "Alice"
		if i%2 == 1 {
			handle = "bob"
		}
		r := Post(archive.Twitter, fmt.Sprint(100+i))
		record(t, s, LiveCapture(r, handle, "t", fmt.Sprint("tw", i), Base.AddDate(0, 0, i*20), Base), Base)
	}
	for i := range 3 {
		r := Post(archive.Instagram, fmt.Sprint("IG", i))
		record(t, s, LiveCapture(r, "alice", "t", fmt.Sprint("ig", i), Base.AddDate(0, 0, i*20), Base), Base)
	}
	gone := Post(archive.Twitter, "200")
	record(t, s, FailedCapture(gone, archive.StatusDeleted, "404", Base), Base)
}

func keys(ps []archive.PostView) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Post.Key())
	}
	return out
}

func testQueryAuthor(t *testing.T, s archive.Store) {
	seedPosts(t, s)
	for _, q := range []string{"twitter:alice", "twitter:@Alice", "TWITTER:ALICE"} {
		res := get(s.Query(ctx(t), archive.Query{Author: q}))(t)
		if got, want := keys(res.Posts), []string{"twitter:104", "twitter:102", "twitter:100"}; !slices.Equal(got, want) {
			t.Errorf("author %s = %v, want %v", q, got, want)
		}
	}
	res := get(s.Query(ctx(t), archive.Query{Author: "twitter:alice", Since: Base.AddDate(0, 0, 40)}))(t)
	if got, want := keys(res.Posts), []string{"twitter:104", "twitter:102"}; !slices.Equal(got, want) {
		t.Errorf("author since = %v, want %v", got, want)
	}
}

func testQueryPlatform(t *testing.T, s archive.Store) {
	seedPosts(t, s)
	res := get(s.Query(ctx(t), archive.Query{Platform: archive.Instagram}))(t)
	if got, want := keys(res.Posts), []string{"instagram:IG2", "instagram:IG1", "instagram:IG0"}; !slices.Equal(got, want) {
		t.Errorf("platform = %v, want %v", got, want)
	}
	res = get(s.Query(ctx(t), archive.Query{Platform: archive.Twitter, Since: Base.AddDate(0, 0, 20), Until: Base.AddDate(0, 0, 80)}))(t)
	if got, want := keys(res.Posts), []string{"twitter:103", "twitter:102", "twitter:101"}; !slices.Equal(got, want) {
		t.Errorf("platform since/until = %v, want %v", got, want)
	}
}

func testQueryStatus(t *testing.T, s archive.Store) {
	seedPosts(t, s)
	res := get(s.Query(ctx(t), archive.Query{Status: archive.StatusDeleted}))(t)
	if got, want := keys(res.Posts), []string{"twitter:200"}; !slices.Equal(got, want) {
		t.Errorf("status deleted = %v, want %v", got, want)
	}
	res = get(s.Query(ctx(t), archive.Query{Status: archive.StatusDeleted, Platform: archive.Instagram}))(t)
	if len(res.Posts) != 0 {
		t.Errorf("deleted instagram posts = %v, want none", keys(res.Posts))
	}
}

func testQuerySpeaker(t *testing.T, s archive.Store) {
	noErr(t, s.PutArticle(ctx(t), ArticleView("s3://b/2.html", Base, nil, "Lee Gelernt", "Someone", "lee  gelernt")))
	noErr(t, s.PutArticle(ctx(t), ArticleView("s3://b/1.html", Base, nil, "Lee Gelernt")))
	res := get(s.Query(ctx(t), archive.Query{Speaker: "Lee Gelernt"}))(t)
	var got []string
	for _, q := range res.Quotes {
		got = append(got, fmt.Sprintf("%s@%d", q.Article, q.Start))
	}
	if want := []string{"s3://b/1.html@0", "s3://b/2.html@0", "s3://b/2.html@20"}; !slices.Equal(got, want) {
		t.Errorf("speaker quotes = %v, want %v", got, want)
	}
}

func testQueryArticleList(t *testing.T, s archive.Store) {
	for i, id := range []string{"file:///c.html", "file:///a.html", "file:///b.html"} {
		noErr(t, s.PutArticle(ctx(t), ArticleView(id, Base.Add(time.Duration(i)*time.Hour), nil)))
	}
	res := get(s.Query(ctx(t), archive.Query{}))(t)
	var got []string
	for _, a := range res.Articles {
		got = append(got, a.Article.ID)
	}
	if want := []string{"file:///b.html", "file:///a.html", "file:///c.html"}; !slices.Equal(got, want) {
		t.Errorf("article list = %v, want %v", got, want)
	}
}

func testPagination(t *testing.T, s archive.Store) {
	seedPosts(t, s)
	full := get(s.Query(ctx(t), archive.Query{Platform: archive.Twitter}))(t)
	if len(full.Posts) != 6 || full.NextCursor != "" {
		t.Fatalf("one page of all twitter posts: %d posts, cursor %q", len(full.Posts), full.NextCursor)
	}
	var paged []string
	q := archive.Query{Platform: archive.Twitter, Limit: 2}
	for range 10 {
		res := get(s.Query(ctx(t), q))(t)
		if len(res.Posts) > 2 {
			t.Fatalf("page of %d posts, limit 2", len(res.Posts))
		}
		paged = append(paged, keys(res.Posts)...)
		if res.NextCursor == "" {
			break
		}
		q.Cursor = res.NextCursor
	}
	if want := keys(full.Posts); !slices.Equal(paged, want) {
		t.Errorf("pages = %v, want %v", paged, want)
	}
}

func testBadCursor(t *testing.T, s archive.Store) {
	_, err := s.Query(ctx(t), archive.Query{Platform: archive.Twitter, Cursor: "%%not a cursor"})
	wantKind(t, "bad cursor", err, archive.Invalid)
}

func testDuePosts(t *testing.T, s archive.Store) {
	for i := range 5 {
		r := Post(archive.Twitter, fmt.Sprint(i))
		at := Base.Add(time.Duration(4-i) * time.Hour)
		get(s.RecordCapture(ctx(t), LiveCapture(r, "h", "t", fmt.Sprint(i), Base, at), at, at.Add(time.Hour)))(t)
	}
	never := Post(archive.Twitter, "never")
	get(s.RecordCapture(ctx(t), LiveCapture(never, "h", "t", "n", Base, Base), Base, time.Time{}))(t)
	var got []string
	cursor := ""
	for range 10 {
		ps, next, err := s.DuePosts(ctx(t), Base.Add(4*time.Hour), 2, cursor)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			got = append(got, p.Key())
		}
		if next == "" {
			break
		}
		cursor = next
	}
	if want := []string{"twitter:4", "twitter:3", "twitter:2", "twitter:1"}; !slices.Equal(got, want) {
		t.Errorf("due posts = %v, want %v", got, want)
	}
}

func testConcurrentCaptures(t *testing.T, s archive.Store) {
	p := Post(archive.Twitter, "77")
	const n = 6
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		for range 2 {
			wg.Go(func() {
				at := Base.Add(time.Duration(i) * time.Minute)
				c := LiveCapture(p, "h", "t", fmt.Sprint("body", i), Base, at)
				var err error
				for range 10 {
					if _, err = s.RecordCapture(ctx(t), c, at, at.Add(time.Hour)); archive.KindOf(err) != archive.Conflict {
						break
					}
				}
				errs <- err
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	pv := get(s.Post(ctx(t), p.Key()))(t)
	if len(pv.Snapshots) != n {
		t.Errorf("%d distinct bodies recorded twice each, concurrently: %d snapshots, want %d", n, len(pv.Snapshots), n)
	}
	if pv.Post.FirstArchived.Before(Base) || pv.Post.FirstArchived.After(Base.Add(n*time.Minute)) {
		t.Errorf("FirstArchived = %v, want one of the captures' times", pv.Post.FirstArchived)
	}
}

func testConcurrentPutArticle(t *testing.T, s archive.Store) {
	refs := []archive.PostRef{Post(archive.Twitter, "1"), Post(archive.Twitter, "2"), Post(archive.YouTube, "v")}
	for _, r := range refs {
		record(t, s, LiveCapture(r, "h", "t", r.ID, Base, Base), Base)
	}
	id := "s3://b/race.html"
	v := ArticleView(id, Base, refs, "A", "B")
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			var err error
			for range 10 {
				if err = s.PutArticle(ctx(t), v); archive.KindOf(err) != archive.Conflict {
					break
				}
			}
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
	got := get(s.Article(ctx(t), id))(t)
	if mustJSON(t, got) != mustJSON(t, v) {
		t.Errorf("after concurrent puts:\n got %s\nwant %s", mustJSON(t, got), mustJSON(t, v))
	}
	for _, r := range refs {
		pv := get(s.Post(ctx(t), r.Key()))(t)
		if !slices.Equal(pv.Articles, []string{id}) {
			t.Errorf("post %s back-links = %v", r.Key(), pv.Articles)
		}
	}
}

// testWARCKeys: the WARC keys on an article, a post and its snapshots are
// kept; a snapshot recorded again keeps the WARC it was first recorded
// with, while the post names the latest.
func testWARCKeys(t *testing.T, s archive.Store) {
	ref := Post(archive.Bluesky, "w1")
	v := ArticleView("s3://news/warc.html", Base, []archive.PostRef{ref})
	v.Article.WARC = archive.BlobKey(archive.Digest([]byte("warc one")))
	noErr(t, s.PutArticle(ctx(t), v))
	if got := get(s.Article(ctx(t), v.Article.ID))(t); got.Article.WARC != v.Article.WARC {
		t.Errorf("article WARC = %q, want %q", got.Article.WARC, v.Article.WARC)
	}

	first, second := archive.BlobKey(archive.Digest([]byte("warc one"))), archive.BlobKey(archive.Digest([]byte("warc two")))
	c := LiveCapture(ref, "someone", "hello", "page body", Base, Base)
	c.WARC, c.Snapshots[0].WARC = first, first
	if p := record(t, s, c, Base); p.WARC != first {
		t.Errorf("RecordCapture returned post WARC %q, want %q", p.WARC, first)
	}
	again := LiveCapture(ref, "someone", "hello", "page body", Base, Base.Add(time.Hour))
	again.WARC, again.Snapshots[0].WARC = second, second
	record(t, s, again, Base.Add(time.Hour))
	pv := get(s.Post(ctx(t), ref.Key()))(t)
	if pv.Post.WARC != second {
		t.Errorf("post WARC = %q, want the latest fetch's %q", pv.Post.WARC, second)
	}
	if len(pv.Snapshots) != 1 || pv.Snapshots[0].WARC != first {
		t.Errorf("snapshots %+v: want one, with the WARC it was first recorded with (%s)", pv.Snapshots, first)
	}
	res := get(s.Query(ctx(t), archive.Query{Post: ref.Key()}))(t)
	if len(res.Posts) != 1 || res.Posts[0].Post.WARC != second || len(res.Posts[0].Snapshots) != 1 || res.Posts[0].Snapshots[0].WARC != first {
		t.Errorf("post query lost the WARC keys: %s", mustJSON(t, res.Posts))
	}
}
