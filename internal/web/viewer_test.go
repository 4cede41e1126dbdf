package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
)

func TestViewerPages(t *testing.T) {
	tests := []struct {
		name   string
		path   string
		status int
		// contains and lacks are substrings of the HTML.
		contains []string
		lacks    []string
	}{
		{name: "home", path: "/", status: 200, contains: []string{`<form class="search" action="/search"`, `<label for="q">`, `href="/posts?status=deleted"`, `href="/posts?platform=bluesky"`}},
		{name: "article", path: "/article?id=" + url.QueryEscape("s3://articles/2024/bukele.html"), status: 200,
			contains: []string{
				"Bukele mocks ruling &lt;b&gt;on&lt;/b&gt; Twitter", // title escaped, not bold
				`href="/post?key=twitter%3a1760000000000000001"`,
				`<span class="badge badge-deleted">Deleted</span>`, // the Instagram post's fate
				`<span class="badge badge-edited">Edited</span>`,
				`<a class="speaker" href="/quotes?speaker=Nayib%20Bukele">Nayib Bukele</a>`,
				`<a class="tied-post" href="/post?url=https%3a%2f%2ftwitter.com%2fnayibbukele%2fstatus%2f1760000000000000001">`,
				"(match 97%)",
				"&lt;script&gt;document.title=",
				"This is a dark day &lt;script&gt;alert(1)&lt;/script&gt;",
			},
			lacks: []string{"<script", "<img src=x", "<b>on</b>"}},
		{name: "post edited", path: "/post?key=twitter:1760000000000000001", status: 200,
			lacks: []string{`id="deleted-badge"`, "download</a>", `id="shown-h"`},
			contains: []string{`id="edited-badge"`, `<span class="badge badge-live" id="status-badge">Live</span>`,
				"Oopsie, too late. 🤭 (edited)", "2024-03-02 10:00:00 UTC", newFixture().posts[0].Snapshots[0].SHA256, "<caption>"}},
		{name: "post deleted", path: "/post?url=" + url.QueryEscape("https://www.instagram.com/p/C3abcDEF/"), status: 200,
			contains: []string{`id="deleted-badge"`, "last seen live <time datetime=\"2024-03-02T10:00:02Z\">", "The platform no longer shows this post.", "<td>404</td>", "A photo caption",
				`<h2 id="shown-h">As the article showed it</h2>`, "A photo caption, as the article embedded it"},
			lacks: []string{`id="edited-badge"`}},
		{name: "post hostile", path: "/post?key=twitter:1760000000000000666", status: 200,
			contains: []string{"&lt;script&gt;document.title=&#34;pwned&#34;", "login wall &lt;b&gt;x&lt;/b&gt;"},
			lacks:    []string{"<script", "<img src=x", "<b>x</b>"}},
		{name: "post missing", path: "/post?key=twitter:42", status: 404, contains: []string{"404: not found"}},
		{name: "post bad key", path: "/post?key=42", status: 400, contains: []string{"key: must be platform:id"}},
		{name: "posts by status", path: "/posts?status=deleted", status: 200,
			contains: []string{"<h1>Deleted posts</h1>", `href="/post?key=instagram%3aC3abcDEF"`}},
		{name: "posts by author with dates", path: "/posts?author=twitter:nayibbukele&since=2024-02-01&until=2024-03-01", status: 200,
			contains: []string{"<h1>Posts by @nayibbukele on X/Twitter, since 2024-02-01, before 2024-03-01</h1>"}},
		{name: "posts empty", path: "/posts?platform=vimeo", status: 200, contains: []string{`id="no-results"`}},
		{name: "posts paginated", path: "/posts?platform=twitter&limit=1", status: 200,
			contains: []string{`href="/posts?cursor=1&amp;limit=1&amp;platform=twitter" rel="next"`}, lacks: []string{`rel="first"`}},
		{name: "posts second page", path: "/posts?platform=twitter&limit=1&cursor=1", status: 200,
			contains: []string{`href="/posts?limit=1&amp;platform=twitter" rel="first"`, "@evil"}, lacks: []string{`rel="next"`}},
		{name: "quotes", path: "/quotes?speaker=Nayib+Bukele", status: 200,
			contains: []string{"<h1>Quotes from Nayib Bukele</h1>", `<blockquote class="quote-text" dir="auto">Oopsie, too late.</blockquote>`, `href="/article?id=s3%3a%2f%2farticles%2f2024%2fbukele.html"`}},
		{name: "home lists recent articles", path: "/", status: 200,
			contains: []string{`<h2 id="recent-h">Recently archived articles</h2>`, `href="/article?id=s3%3a%2f%2farticles%2f2024%2fbukele.html">Bukele mocks ruling &lt;b&gt;on&lt;/b&gt; Twitter</a>`}},
		{name: "articles", path: "/articles?until=2024-03-02T10:00:00Z", status: 200,
			contains: []string{"<h1>Archived articles, before 2024-03-02 10:00:00 UTC</h1>", `id="no-results"`}},
		{name: "articles bad limit", path: "/articles?limit=-1", status: 400, contains: []string{"limit: must be a whole number"}},
		{name: "article without id", path: "/article", status: 400, contains: []string{"id: required"}},
		{name: "unknown page", path: "/nope", status: 404, contains: []string{"404: not found"}},
		{name: "stylesheet", path: "/static/style.css", status: 200, contains: []string{".badge-deleted"}},
	}
	h := NewHandler(&fakeQuerier{f: newFixture()}, WithLogger(quietLogger()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.status, body)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tt.lacks {
				if strings.Contains(body, s) {
					t.Errorf("page contains %q", s)
				}
			}
			if strings.HasPrefix(tt.path, "/static/") {
				return
			}
			if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := NewHandler(&fakeQuerier{f: newFixture()}, WithLogger(quietLogger()))
	for _, path := range []string{"/", "/post?key=twitter:1760000000000000666", "/api/posts?status=live", "/nope", "/static/style.css"} {
		t.Run(path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			csp := rec.Header().Get("Content-Security-Policy")
			for _, d := range []string{"default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"} {
				if !strings.Contains(csp, d) {
					t.Errorf("CSP %q lacks %q", csp, d)
				}
			}
			if strings.Contains(csp, "script-src") || strings.Contains(csp, "unsafe-") {
				t.Errorf("CSP %q allows script or unsafe sources", csp)
			}
			want := map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}
			for k, v := range want {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestSearchRedirects(t *testing.T) {
	tests := []struct {
		name   string
		query  url.Values
		status int
		target string // Location on a redirect
		msg    string // the error shown on the form otherwise
	}{
		{"post by url", url.Values{"by": {"post"}, "q": {"https://x.com/a/status/1"}}, 303, "/post?url=https%3A%2F%2Fx.com%2Fa%2Fstatus%2F1", ""},
		{"post by key", url.Values{"by": {"post"}, "q": {"twitter:1"}}, 303, "/post?key=twitter%3A1", ""},
		{"article", url.Values{"by": {"article"}, "q": {"s3://b/k.html"}}, 303, "/article?id=s3%3A%2F%2Fb%2Fk.html", ""},
		{"author with dates", url.Values{"by": {"author"}, "q": {"twitter:a"}, "since": {"2024-01-01"}, "until": {""}}, 303, "/posts?author=twitter%3Aa&since=2024-01-01", ""},
		{"speaker", url.Values{"by": {"speaker"}, "q": {"Lee Gelernt"}}, 303, "/quotes?speaker=Lee+Gelernt", ""},
		{"platform", url.Values{"by": {"platform"}, "q": {"bluesky"}}, 303, "/posts?platform=bluesky", ""},
		{"status", url.Values{"by": {"status"}, "q": {"deleted"}}, 303, "/posts?status=deleted", ""},
		{"empty", url.Values{"by": {"speaker"}, "q": {""}}, 400, "", "q: type what to look for"},
		{"bad author", url.Values{"by": {"author"}, "q": {"bukele"}}, 400, "", "author: must be platform:handle"},
		{"bad date", url.Values{"by": {"platform"}, "q": {"twitter"}, "since": {"31/01/2024"}}, 400, "", "since: want a date"},
		{"bad by", url.Values{"by": {"mood"}, "q": {"x"}}, 400, "", "by: choose what to search by"},
	}
	h := NewHandler(&fakeQuerier{f: newFixture()}, WithLogger(quietLogger()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/search?"+tt.query.Encode(), nil))
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status == 303 {
				if loc := rec.Header().Get("Location"); loc != tt.target {
					t.Errorf("Location = %q, want %q", loc, tt.target)
				}
				return
			}
			body := rec.Body.String()
			if !strings.Contains(body, `role="alert"`) || !strings.Contains(body, tt.msg) {
				t.Errorf("form lacks the error %q", tt.msg)
			}
			if q := tt.query.Get("q"); q != "" && !strings.Contains(body, `value="`+q+`"`) {
				t.Errorf("form lost what was typed (%q)", q)
			}
		})
	}
}

func TestBuildPostData(t *testing.T) {
	f := newFixture()
	tests := []struct {
		name       string
		pv         archive.PostView
		firstText  string
		latestStat archive.Status
		lastLive   string
		shown      string // the markup panel's text, "" when it is not shown
	}{
		{"edited", f.posts[0], "Oopsie, too late. 🤭", archive.StatusLive, "2024-03-09T10:00:00Z", ""},
		{"deleted", f.posts[1], "A photo caption", archive.StatusDeleted, "2024-03-02T10:00:02Z", "A photo caption, as the article embedded it"},
		{"unordered snapshots", archive.PostView{Post: f.posts[0].Post, Snapshots: []archive.Snapshot{
			f.posts[0].Snapshots[2], f.posts[0].Snapshots[0], f.posts[0].Snapshots[1]}}, "Oopsie, too late. 🤭", archive.StatusLive, "2024-03-09T10:00:00Z", ""},
		{"article showed other text", archive.PostView{Post: f.posts[0].Post, Snapshots: []archive.Snapshot{
			f.posts[0].Snapshots[0], f.posts[0].Snapshots[1],
			{Source: archive.SourceMarkup, FetchedAt: mustTime("2024-03-02T10:00:00Z"), Status: archive.StatusLive, Text: "Oopsie,  too late (as quoted)"}}},
			"Oopsie, too late. 🤭", archive.StatusLive, "2024-03-09T10:00:00Z", "Oopsie,  too late (as quoted)"},
		{"only markup", archive.PostView{Post: f.posts[2].Post, Snapshots: f.posts[2].Snapshots[:1]}, hostile, "", "0001-01-01T00:00:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildPostData(tt.pv, true)
			if d.First == nil || d.First.Text != tt.firstText {
				t.Errorf("first = %+v, want text %q", d.First, tt.firstText)
			}
			switch {
			case tt.latestStat == "" && d.Latest != nil:
				t.Errorf("latest = %+v, want none (never fetched)", d.Latest)
			case tt.latestStat != "" && (d.Latest == nil || d.Latest.Status != tt.latestStat):
				t.Errorf("latest = %+v, want status %s", d.Latest, tt.latestStat)
			}
			if !d.LastLive.Equal(mustTime(tt.lastLive)) {
				t.Errorf("last live = %v, want %s", d.LastLive, tt.lastLive)
			}
			for i := 1; i < len(d.Snapshots); i++ {
				if d.Snapshots[i].FetchedAt.After(d.Snapshots[i-1].FetchedAt) {
					t.Errorf("snapshots not newest first at %d", i)
				}
			}
			if d.Snapshots[0].RawURL == "" {
				t.Error("no raw link with a blob store")
			}
			if want := tt.name != "only markup"; d.Fetched != want {
				t.Errorf("fetched = %v, want %v", d.Fetched, want)
			}
			if got := ""; d.Shown != nil {
				got = d.Shown.Text
				if got != tt.shown {
					t.Errorf("shown = %q, want %q", got, tt.shown)
				}
			} else if tt.shown != "" {
				t.Errorf("shown = nil, want %q", tt.shown)
			}
		})
	}
}

// TestViewerRawLinks checks that the post page links raw bodies only when
// a blob store is configured, and that the link serves the body.
func TestViewerRawLinks(t *testing.T) {
	blobs := memBlobs{"snapshots/1760000000000000001/oembed": []byte("{}")}
	srv := httptest.NewServer(NewHandler(&fakeQuerier{f: newFixture()}, WithLogger(quietLogger()), WithBlobs(blobs)))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/post?key=twitter:1760000000000000001")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	const link = `href="/raw?key=snapshots%2F1760000000000000001%2Foembed"`
	if !strings.Contains(string(page), link) {
		t.Fatalf("post page lacks %s", link)
	}
	resp, err = http.Get(srv.URL + "/raw?key=snapshots%2f1760000000000000001%2foembed")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("raw link answered %d", resp.StatusCode)
	}
}

// TestViewerNotFetched checks that a post known only from the article's
// markup is not called live: nothing asked the platform yet.
func TestViewerNotFetched(t *testing.T) {
	f := newFixture()
	f.posts[2].Snapshots = f.posts[2].Snapshots[:1] // the markup snapshot only
	f.posts[2].Post.Status = archive.StatusLive
	h := NewHandler(&fakeQuerier{f: f}, WithLogger(quietLogger()))
	for _, tt := range []struct{ path, want string }{
		{"/post?key=twitter:1760000000000000666", `<span class="badge badge-other" id="status-badge">Not fetched yet</span>`},
		{"/post?key=twitter:1760000000000000666", "Not fetched from the platform yet."},
		{"/article?id=s3://articles/2024/bukele.html", `<span class="badge badge-other">Not fetched yet</span>`},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%s: %d, lacks %q", tt.path, rec.Code, tt.want)
		}
	}
}
