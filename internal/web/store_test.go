package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/bolt"
	"github.com/embedarchive/embedarchive/internal/dirblob"
	"github.com/embedarchive/embedarchive/internal/embed"
)

// seedStore builds the real embedded store (bolt, with raw bodies in a
// dirblob folder) and records the fixture's article and the captures that
// make its posts what they are, through archive.Service: the store's own
// merge rules decide that the tweet was edited and the Instagram post
// deleted.
func seedStore(t testing.TB) (*archive.Service, *dirblob.Blobs) {
	t.Helper()
	dir := t.TempDir()
	st, err := bolt.Open(filepath.Join(dir, "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	blobs := dirblob.New(filepath.Join(dir, "blobs"))
	svc := &archive.Service{Store: st, Blobs: blobs, ResolvePost: embed.ParseURL, RecheckAfter: -1, Log: quietLogger()}
	ctx := context.Background()

	f := newFixture()
	art := f.articles[0]
	if err := st.PutArticle(ctx, art); err != nil {
		t.Fatal(err)
	}
	t1 := mustTime("2024-03-02T10:00:00Z")
	t2 := mustTime("2024-03-09T10:00:00Z")
	tw, ig, ev := art.Embeds[0].PostRef, art.Embeds[1].PostRef, art.Embeds[2].PostRef
	live := func(src, text string, body string, at time.Time) archive.Snapshot {
		s := archive.Snapshot{Source: src, FetchedAt: at, Status: archive.StatusLive, Text: text, AuthorName: "Nayib Bukele", AuthorHandle: "nayibbukele"}
		if body != "" {
			s.HTTPStatus = 200
			s.Body = []byte(body)
			s.Headers = map[string]string{"Content-Type": "application/json"}
		}
		return s
	}
	captures := []struct {
		at time.Time
		c  archive.Capture
	}{
		{t1, archive.Capture{Post: tw, Status: archive.StatusLive, Snapshots: []archive.Snapshot{
			live(archive.SourceMarkup, "Oopsie, too late. 🤭", "", t1),
			live(archive.SourceOEmbed, "Oopsie, too late. 🤭", `{"html":"<blockquote>Oopsie, too late.</blockquote><script src=\"https://platform.twitter.com/widgets.js\"></script>"}`, t1),
		}}},
		{t2, archive.Capture{Post: tw, Status: archive.StatusLive, Snapshots: []archive.Snapshot{
			live(archive.SourceOEmbed, "Oopsie, too late. 🤭 (edited)", `{"html":"<blockquote>Oopsie, too late. (edited)</blockquote>"}`, t2),
		}}},
		{t1, archive.Capture{Post: ig, Status: archive.StatusLive, Snapshots: []archive.Snapshot{
			{Source: archive.SourcePage, FetchedAt: t1, Status: archive.StatusLive, HTTPStatus: 200, Text: "A photo caption", AuthorHandle: "someaccount", Body: []byte("<html>A photo caption</html>")},
		}}},
		{t2, archive.Capture{Post: ig, Status: archive.StatusDeleted, Snapshots: []archive.Snapshot{
			{Source: archive.SourcePage, FetchedAt: t2, Status: archive.StatusDeleted, HTTPStatus: 404, Body: []byte("<html>Sorry, this page isn't available.</html>")},
		}}},
		{t1, archive.Capture{Post: ev, Status: archive.StatusUnavailable, Snapshots: []archive.Snapshot{
			{Source: archive.SourceMarkup, FetchedAt: t1, Status: archive.StatusLive, Text: hostile, AuthorHandle: "evil", PublishedAt: mustTime("2024-01-15T00:00:00Z")},
			{Source: archive.SourcePage, FetchedAt: t1, Status: archive.StatusUnavailable, HTTPStatus: 200, Reason: "login wall <b>x</b>", Body: []byte(hostile)},
		}}},
	}
	for _, c := range captures {
		if _, err := svc.RecordCapture(ctx, c.c, c.at); err != nil {
			t.Fatalf("record %s: %v", c.c.Post.Key(), err)
		}
	}
	return svc, blobs
}

// TestAgainstBoltStore runs the API and the viewer over the real embedded
// store, seeded through the Service.
func TestAgainstBoltStore(t *testing.T) {
	svc, blobs := seedStore(t)
	srv := httptest.NewServer(NewHandler(svc, WithLogger(quietLogger()), WithBlobs(blobs)))
	defer srv.Close()
	articleID := url.QueryEscape("s3://articles/2024/bukele.html")
	tests := []struct {
		name     string
		path     string
		status   int
		contains []string
		lacks    []string
	}{
		{"api article", "/api/articles?id=" + articleID, 200, []string{`"speaker":"Nayib Bukele"`, `"post_url":"https://twitter.com/nayibbukele/status/1760000000000000001"`}, nil},
		{"api article missing", "/api/articles?id=s3%3A%2F%2Fnope%2Fx", 404, []string{`"message":"not found"`}, []string{"bolt", "nope"}},
		{"api recent articles", "/api/articles", 200, []string{`"id":"s3://articles/2024/bukele.html"`}, nil},
		{"api post by url resolves", "/api/posts?url=" + url.QueryEscape("https://x.com/nayibbukele/status/1760000000000000001"), 200,
			[]string{`"edited":true`, `"status":"live"`, `"blob_key":"sha256/`}, nil},
		{"api post url that is no post", "/api/posts?url=" + url.QueryEscape("https://example.com/about"), 400,
			[]string{"did not accept the query"}, []string{"is not a post URL"}},
		{"api deleted", "/api/posts?status=deleted", 200, []string{`"post_id":"C3abcDEF"`}, []string{`"post_id":"1760000000000000001"`}},
		{"api author any case", "/api/posts?author=twitter:@NayibBukele", 200, []string{`"post_id":"1760000000000000001"`}, nil},
		{"api speaker", "/api/quotes?speaker=lee%20gelernt", 200, []string{`"cue":"said"`}, nil},
		{"api bad cursor", "/api/posts?platform=twitter&cursor=%21%21", 400, []string{`"status":400`}, nil},
		{"viewer deleted post", "/post?key=instagram:C3abcDEF", 200,
			[]string{`id="deleted-badge"`, "The platform no longer shows this post.", "<td>404</td>", `href="/raw?key=sha256%2F`}, nil},
		{"viewer edited post", "/post?url=" + url.QueryEscape("https://twitter.com/nayibbukele/status/1760000000000000001"), 200,
			[]string{`id="edited-badge"`, "Oopsie, too late. 🤭 (edited)"}, []string{`id="deleted-badge"`}},
		{"viewer hostile post", "/post?key=twitter:1760000000000000666", 200,
			[]string{"&lt;script&gt;document.title=", `class="badge badge-unavailable" id="status-badge"`}, []string{"<script", "<img src=x"}},
		{"viewer article shows fates", "/article?id=" + articleID, 200,
			[]string{`<span class="badge badge-deleted">Deleted</span>`, `<span class="badge badge-edited">Edited</span>`, `<span class="badge badge-unavailable">Unavailable</span>`}, []string{"Not archived"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			body := string(raw)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("answer lacks %q:\n%s", s, body)
				}
			}
			for _, s := range tt.lacks {
				if strings.Contains(body, s) {
					t.Errorf("answer contains %q", s)
				}
			}
		})
	}
}
