package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestAPI(t *testing.T) {
	tests := []struct {
		name   string
		path   string
		status int
		// want checks the decoded body of a 200.
		want func(t *testing.T, body map[string]json.RawMessage)
		// query is the archive.Query the handler must have asked, if set.
		query *archive.Query
		// msg is a substring the error message must contain.
		msg string
	}{
		{name: "health", path: "/healthz", status: 200, want: func(t *testing.T, b map[string]json.RawMessage) {
			if string(b["status"]) != `"ok"` {
				t.Errorf("status = %s", b["status"])
			}
		}},
		{name: "article by id", path: "/api/articles?id=s3://articles/2024/bukele.html", status: 200,
			query: &archive.Query{Article: "s3://articles/2024/bukele.html"},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				var arts []archive.ArticleView
				mustUnmarshal(t, b["articles"], &arts)
				if len(arts) != 1 || len(arts[0].Embeds) != 3 || len(arts[0].Quotes) != 2 {
					t.Fatalf("articles = %+v", arts)
				}
				if arts[0].Quotes[0].PostURL == "" || arts[0].Quotes[0].Speaker != "Nayib Bukele" {
					t.Errorf("quote 0 = %+v", arts[0].Quotes[0])
				}
			}},
		{name: "article missing", path: "/api/articles?id=s3://nope/x", status: 404, msg: "not found"},
		{name: "articles archived recently", path: "/api/articles?since=2024-03-01&limit=5", status: 200,
			query: &archive.Query{Since: mustTime("2024-03-01T00:00:00Z"), Limit: 5},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				var arts []archive.ArticleView
				mustUnmarshal(t, b["articles"], &arts)
				if len(arts) != 1 || arts[0].Article.ID != "s3://articles/2024/bukele.html" {
					t.Fatalf("articles = %+v", arts)
				}
			}},
		{name: "no articles in range is an empty array", path: "/api/articles?until=2024-03-01", status: 200,
			want: func(t *testing.T, b map[string]json.RawMessage) {
				if string(b["articles"]) != "[]" {
					t.Errorf("articles = %s", b["articles"])
				}
			}},
		{name: "article id with a list parameter", path: "/api/articles?id=x&limit=3", status: 400, msg: "limit: does not go with id"},
		{name: "post by url", path: "/api/posts?url=https://twitter.com/nayibbukele/status/1760000000000000001", status: 200,
			query: &archive.Query{Post: "https://twitter.com/nayibbukele/status/1760000000000000001", Limit: 50},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				posts := decodePosts(t, b)
				if len(posts) != 1 || !posts[0].Post.Edited || len(posts[0].Snapshots) != 3 {
					t.Fatalf("posts = %+v", posts)
				}
				if posts[0].Snapshots[0].SHA256 == "" || posts[0].Snapshots[0].FetchedAt.IsZero() {
					t.Errorf("snapshot lacks evidence fields: %+v", posts[0].Snapshots[0])
				}
			}},
		{name: "post by key, platform upper case", path: "/api/posts?key=Instagram:C3abcDEF", status: 200,
			query: &archive.Query{Post: "instagram:C3abcDEF", Limit: 50},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				posts := decodePosts(t, b)
				if len(posts) != 1 || posts[0].Post.Status != archive.StatusDeleted {
					t.Fatalf("posts = %+v", posts)
				}
			}},
		{name: "post missing", path: "/api/posts?key=twitter:1", status: 404, msg: "not found"},
		{name: "post url not http", path: "/api/posts?url=javascript:alert(1)", status: 400, msg: "url: must be an http or https URL"},
		{name: "post key without platform", path: "/api/posts?key=12345", status: 400, msg: "key: must be platform:id"},
		{name: "author with @", path: "/api/posts?author=twitter:@nayibbukele", status: 200,
			query: &archive.Query{Author: "twitter:nayibbukele", Limit: 50},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				if posts := decodePosts(t, b); len(posts) != 1 || posts[0].Post.AuthorHandle != "nayibbukele" {
					t.Fatalf("posts = %+v", posts)
				}
			}},
		{name: "author without platform", path: "/api/posts?author=nayibbukele", status: 400, msg: "author: must be platform:handle"},
		{name: "author unknown platform", path: "/api/posts?author=myspace:tom", status: 400, msg: "author: must be platform:handle"},
		{name: "platform and dates", path: "/api/posts?platform=twitter&since=2024-02-01&until=2024-03-01", status: 200,
			query: &archive.Query{Platform: archive.Twitter, Since: mustTime("2024-02-01T00:00:00Z"), Until: mustTime("2024-03-01T00:00:00Z"), Limit: 50},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				// Until is exclusive: February 29th 23:00 is in, the January post is out.
				if posts := decodePosts(t, b); len(posts) != 1 || posts[0].Post.ID != "1760000000000000001" {
					t.Fatalf("posts = %+v", posts)
				}
			}},
		{name: "until excludes its own instant", path: "/api/posts?platform=twitter&until=2024-02-29T23:00", status: 200,
			query: &archive.Query{Platform: archive.Twitter, Until: mustTime("2024-02-29T23:00:00Z"), Limit: 50},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				if posts := decodePosts(t, b); len(posts) != 1 || posts[0].Post.AuthorHandle != "evil" {
					t.Fatalf("posts = %+v", posts)
				}
			}},
		{name: "month", path: "/api/posts?platform=twitter&since=2024-02", status: 200,
			query: &archive.Query{Platform: archive.Twitter, Since: mustTime("2024-02-01T00:00:00Z"), Limit: 50}},
		{name: "since RFC 3339 with zone", path: "/api/posts?platform=twitter&since=2024-02-01T01:00:00%2B01:00", status: 200,
			query: &archive.Query{Platform: archive.Twitter, Since: mustTime("2024-02-01T00:00:00Z"), Limit: 50}},
		{name: "empty list is an empty array", path: "/api/posts?platform=vimeo", status: 200,
			want: func(t *testing.T, b map[string]json.RawMessage) {
				if string(b["posts"]) != "[]" {
					t.Errorf("posts = %s, want []", b["posts"])
				}
				if _, ok := b["next_cursor"]; ok {
					t.Error("next_cursor on the last page")
				}
			}},
		{name: "status deleted", path: "/api/posts?status=deleted", status: 200,
			want: func(t *testing.T, b map[string]json.RawMessage) {
				if posts := decodePosts(t, b); len(posts) != 1 || posts[0].Post.Platform != archive.Instagram {
					t.Fatalf("posts = %+v", posts)
				}
			}},
		{name: "limit and cursor", path: "/api/posts?platform=twitter&limit=1", status: 200,
			query: &archive.Query{Platform: archive.Twitter, Limit: 1},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				if posts := decodePosts(t, b); len(posts) != 1 {
					t.Fatalf("posts = %+v", posts)
				}
				if string(b["next_cursor"]) != `"1"` {
					t.Errorf("next_cursor = %s", b["next_cursor"])
				}
			}},
		{name: "second page", path: "/api/posts?platform=twitter&limit=1&cursor=1", status: 200,
			query: &archive.Query{Platform: archive.Twitter, Limit: 1, Cursor: "1"},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				if posts := decodePosts(t, b); len(posts) != 1 || posts[0].Post.AuthorHandle != "evil" {
					t.Fatalf("posts = %+v", posts)
				}
			}},
		{name: "quotes by speaker", path: "/api/quotes?speaker=Lee%20Gelernt", status: 200,
			query: &archive.Query{Speaker: "Lee Gelernt", Limit: 50},
			want: func(t *testing.T, b map[string]json.RawMessage) {
				var qs []archive.QuoteView
				mustUnmarshal(t, b["quotes"], &qs)
				if len(qs) != 1 || qs[0].Article != "s3://articles/2024/bukele.html" || qs[0].Cue != "said" {
					t.Fatalf("quotes = %+v", qs)
				}
			}},
		{name: "quotes without speaker", path: "/api/quotes", status: 400, msg: "speaker: required"},
		{name: "no selector", path: "/api/posts", status: 400, msg: "give one of url, key, author, platform, status"},
		{name: "two selectors", path: "/api/posts?platform=twitter&status=live", status: 400, msg: "give only one of"},
		{name: "unknown platform", path: "/api/posts?platform=myspace", status: 400, msg: "platform: unknown; one of twitter"},
		{name: "unknown status", path: "/api/posts?status=gone", status: 400, msg: "status: unknown"},
		{name: "bad since", path: "/api/posts?platform=twitter&since=yesterday", status: 400, msg: "since: want a date"},
		{name: "until before since", path: "/api/posts?platform=twitter&since=2024-03-01&until=2024-02-01", status: 400, msg: "until: must be after since"},
		{name: "limit zero", path: "/api/posts?platform=twitter&limit=0", status: 400, msg: "limit: must be a whole number from 1 to 500"},
		{name: "limit too big", path: "/api/posts?platform=twitter&limit=501", status: 400, msg: "limit"},
		{name: "limit not a number", path: "/api/posts?platform=twitter&limit=ten", status: 400, msg: "limit"},
		{name: "unknown parameter", path: "/api/posts?plattform=twitter", status: 400, msg: `"plattform": unknown parameter`},
		{name: "repeated parameter", path: "/api/posts?platform=twitter&platform=vimeo", status: 400, msg: "platform: given more than once"},
		{name: "overlong parameter", path: "/api/quotes?speaker=" + strings.Repeat("a", 3000), status: 400, msg: "longer than 2048 bytes"},
		{name: "malformed query string", path: "/api/posts?platform=%zz", status: 400, msg: "malformed"},
		{name: "unknown api route", path: "/api/users", status: 404, msg: "not found"},
	}
	fq := &fakeQuerier{f: newFixture()}
	srv := httptest.NewServer(NewHandler(fq, WithLogger(quietLogger())))
	defer srv.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(fq.queries())
			resp, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d; body %s", resp.StatusCode, tt.status, raw)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if resp.Header.Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
			var body map[string]json.RawMessage
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatalf("body is not a JSON object: %v: %s", err, raw)
			}
			if tt.status != 200 {
				var eb errorBody
				mustUnmarshal(t, raw, &eb)
				if eb.Error.Status != tt.status || !strings.Contains(eb.Error.Message, tt.msg) || eb.Error.RequestID != resp.Header.Get("X-Request-Id") {
					t.Errorf("error = %+v, want status %d and message containing %q", eb.Error, tt.status, tt.msg)
				}
			}
			if tt.query != nil {
				qs := fq.queries()[before:]
				if len(qs) != 1 {
					t.Fatalf("handler asked %d queries, want 1: %+v", len(qs), qs)
				}
				if !queryEqual(qs[0], *tt.query) {
					t.Errorf("query = %+v, want %+v", qs[0], *tt.query)
				}
			}
			if tt.want != nil {
				tt.want(t, body)
			}
		})
	}
}

func queryEqual(a, b archive.Query) bool {
	return a.Article == b.Article && a.Post == b.Post && a.Author == b.Author && a.Speaker == b.Speaker &&
		a.Platform == b.Platform && a.Status == b.Status && a.Since.Equal(b.Since) && a.Until.Equal(b.Until) &&
		a.Limit == b.Limit && a.Cursor == b.Cursor
}

func decodePosts(t *testing.T, b map[string]json.RawMessage) []archive.PostView {
	t.Helper()
	var posts []archive.PostView
	mustUnmarshal(t, b["posts"], &posts)
	return posts
}

func mustUnmarshal(t *testing.T, raw []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("unmarshal %s: %v", raw, err)
	}
}

// TestAPIErrorKinds checks that each domain error kind becomes its status,
// and that the cause's text never reaches the client, on the API and on
// the viewer alike.
func TestAPIErrorKinds(t *testing.T) {
	const secret = "dynamodb: table arn:aws:dynamodb:eu-west-1:123456789012:table/Archive AccessDenied"
	tests := []struct {
		kind       archive.Kind
		status     int
		retryAfter bool
	}{
		{archive.NotFound, 404, false},
		{archive.Invalid, 400, false},
		{archive.TooLarge, 413, false},
		{archive.Conflict, 500, false},
		{archive.Throttled, 503, true},
		{archive.Unavailable, 503, true},
		{archive.Other, 500, false},
	}
	for _, tt := range tests {
		for _, path := range []string{"/api/posts?platform=twitter", "/posts?platform=twitter", "/api/articles?id=x", "/article?id=x"} {
			t.Run(fmt.Sprintf("%s %s", tt.kind, path), func(t *testing.T) {
				err := fmt.Errorf("service: query: %w", archive.E("dynamo.query", tt.kind, errors.New(secret)))
				h := NewHandler(&fakeQuerier{err: err}, WithLogger(quietLogger()))
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
				if rec.Code != tt.status {
					t.Errorf("status = %d, want %d", rec.Code, tt.status)
				}
				if body := rec.Body.String(); strings.Contains(body, "dynamo") || strings.Contains(body, "123456789012") || strings.Contains(body, "AccessDenied") {
					t.Errorf("internal error text reached the client: %s", body)
				}
				if got := rec.Header().Get("Retry-After") != ""; got != tt.retryAfter {
					t.Errorf("Retry-After present = %v, want %v", got, tt.retryAfter)
				}
			})
		}
	}
}

func TestPanicIsA500WithoutDetail(t *testing.T) {
	h := NewHandler(panicQuerier{}, WithLogger(quietLogger()))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/quotes?speaker=x", nil))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "secret") {
		t.Errorf("status %d body %s", rec.Code, rec.Body)
	}
}

type panicQuerier struct{}

func (panicQuerier) Query(ctx context.Context, q archive.Query) (*archive.Result, error) {
	panic("secret state")
}

// slowQuerier answers only when its context ends, with the context's error
// wrapped the way a store would.
type slowQuerier struct{}

func (slowQuerier) Query(ctx context.Context, q archive.Query) (*archive.Result, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("bolt: view: %w", ctx.Err())
}

func TestMethods(t *testing.T) {
	h := NewHandler(&fakeQuerier{f: newFixture()}, WithLogger(quietLogger()))
	tests := []struct {
		method, path string
		status       int
		ctype        string
	}{
		{"POST", "/api/posts?platform=twitter", 405, "application/json; charset=utf-8"},
		{"DELETE", "/api/articles?id=x", 405, "application/json; charset=utf-8"},
		{"POST", "/search", 405, "text/html; charset=utf-8"},
		{"HEAD", "/api/posts?platform=twitter", 200, "application/json; charset=utf-8"},
		{"HEAD", "/", 200, "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != tt.status || rec.Header().Get("Content-Type") != tt.ctype {
				t.Errorf("got %d %q, want %d %q", rec.Code, rec.Header().Get("Content-Type"), tt.status, tt.ctype)
			}
			if tt.status == 405 && rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow = %q", rec.Header().Get("Allow"))
			}
		})
	}
}

func TestRaw(t *testing.T) {
	body := []byte(`<html><script>alert(1)</script></html>`)
	sum := sha256.Sum256(body)
	blobs := memBlobs{"snapshots/1760000000000000001/oembed": body}
	tests := []struct {
		name   string
		blobs  Blobs
		path   string
		status int
	}{
		{"served", blobs, "/raw?key=snapshots/1760000000000000001/oembed", 200},
		{"missing", blobs, "/raw?key=snapshots/nope", 404},
		{"traversal", blobs, "/raw?key=../etc/passwd", 400},
		{"absolute", blobs, "/raw?key=/etc/passwd", 400},
		{"no key", blobs, "/raw", 400},
		{"no blob store", nil, "/raw?key=snapshots/1760000000000000001/oembed", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []Option
			opts = append(opts, WithLogger(quietLogger()))
			if tt.blobs != nil {
				opts = append(opts, WithBlobs(tt.blobs))
			}
			h := NewHandler(&fakeQuerier{f: newFixture()}, opts...)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status != 200 {
				return
			}
			hd := rec.Header()
			if hd.Get("Content-Type") != "application/octet-stream" || !strings.HasPrefix(hd.Get("Content-Disposition"), "attachment") {
				t.Errorf("raw body not served as an attachment: %v", hd)
			}
			if !strings.Contains(hd.Get("Content-Security-Policy"), "sandbox") {
				t.Errorf("CSP = %q", hd.Get("Content-Security-Policy"))
			}
			if hd.Get("X-Content-Sha256") != hex.EncodeToString(sum[:]) || rec.Body.String() != string(body) {
				t.Errorf("digest %s body %q", hd.Get("X-Content-Sha256"), rec.Body)
			}
		})
	}
}

func TestQueryTimeout(t *testing.T) {
	h := NewHandler(slowQuerier{}, WithLogger(quietLogger()), WithQueryTimeout(20*time.Millisecond))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/posts?status=live", nil))
	if rec.Code != 503 {
		t.Errorf("status = %d, want 503", rec.Code)
	}
}
