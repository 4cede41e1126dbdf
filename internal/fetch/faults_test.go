package fetch

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// faultServer is a stand-in platform on 127.0.0.2 whose /p/<fault>/...
// pages and /oe/<fault> oEmbed endpoint misbehave as named, serving the
// real X/Twitter oEmbed answer and status page from the corpus otherwise.
type faultServer struct {
	mu   sync.Mutex
	hits map[string]int // "<fault> <source>" -> requests
	trap *countingListener
	bomb []byte
	page []byte
	oe   []byte
}

func (s *faultServer) hit(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[key]++
	return s.hits[key]
}

func (s *faultServer) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[key]
}

func (s *faultServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(segs) < 2 {
		http.NotFound(w, r)
		return
	}
	source, fault := segs[0], segs[1]
	if source == "accounts" {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><body><form>Log in to see this post</form></body></html>`)
		return
	}
	n := s.hit(fault + " " + source)
	ctype, good := "text/html; charset=utf-8", s.page
	if source == "oe" {
		ctype, good = "application/json", s.oe
	}
	switch fault {
	case "ok":
	case "500":
		w.WriteHeader(http.StatusInternalServerError)
		return
	case "503":
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	case "429-then-ok":
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
	case "429-long":
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	case "hang":
		hang(w, r)
		return
	case "drip":
		drip(w, r)
		return
	case "big":
		head := good
		if source == "oe" {
			head = []byte(`{"version":"1.0","type":"rich","html":"`)
		}
		bigBody(ctype, head, 50<<20)(w, r)
		return
	case "bomb":
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(s.bomb)
		return
	case "loop":
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
		return
	case "to-loopback":
		http.Redirect(w, r, fmt.Sprintf("http://127.0.0.1:%d/latest", s.trap.port()), http.StatusFound)
		return
	case "to-mapped-loopback":
		http.Redirect(w, r, fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/latest", s.trap.port()), http.StatusFound)
		return
	case "to-metadata":
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/iam/", http.StatusFound)
		return
	case "wrongtype":
		if source == "oe" {
			ctype = "text/html"
		}
	case "badjson":
		if source == "oe" {
			good = []byte(`{"version":"1.0","html":"<blockquote>`)
		}
	case "gone":
		w.WriteHeader(http.StatusGone)
		return
	case "404":
		http.NotFound(w, r)
		return
	case "tombstone":
		good = []byte(`<html><head><title>X</title></head><body><h1>Hmm...this page doesn’t exist. Try searching for something else.</h1></body></html>`)
		if source == "oe" {
			http.NotFound(w, r)
			return
		}
	case "login":
		http.Redirect(w, r, "/accounts/login/?next="+r.URL.Path, http.StatusFound)
		return
	}
	w.Header().Set("Content-Type", ctype)
	_, _ = w.Write(good)
}

// faultCase is one post of the faulty article and what must become of it.
type faultCase struct {
	name     string
	post     archive.PostRef
	want     archive.Status // the capture's status
	wantPage archive.Status
	page     string // substring of the page snapshot's reason
	wantOE   archive.Status
	oe       string // substring of the oEmbed snapshot's reason
}

func TestFaultsEndAsStatuses(t *testing.T) {
	trap := newCountingListener(t)
	fs := &faultServer{
		hits: map[string]int{}, trap: trap,
		bomb: gzipZeros(t, 16<<20),
		page: readCorpusOr(t, "discourse__onebox__twitterstatus.html", "stand_in_tweet_page.html"),
		oe:   readCorpusOr(t, "oscarotero__Embed__publish.twitter.com.oembed.74c74dd25f98b025ab78f1dae7fb29fe.json", "stand_in_tweet_oembed.json"),
	}
	srv := startServer(t, "127.0.0.2:0", fs)
	port := fmt.Sprint(srv.Listener.Addr().(*net.TCPAddr).Port)
	prov := providersFileRouted(t, srv.URL)

	tw := func(fault string) archive.PostRef {
		return archive.PostRef{Platform: archive.Twitter, ID: "363116819147538433",
			URL: srv.URL + "/p/" + fault + "/status/363116819147538433"}
	}
	li := func(u string) archive.PostRef {
		return archive.PostRef{Platform: archive.LinkedIn, ID: "x", URL: u}
	}
	E, L, U, B, D := archive.StatusError, archive.StatusLive, archive.StatusUnavailable, archive.StatusBlocked, archive.StatusDeleted
	cases := []faultCase{
		{name: "ok", post: tw("ok"), want: L, wantPage: L, wantOE: L},
		{name: "500", post: tw("500"), want: E, wantPage: E, page: "http 500", wantOE: E, oe: "http 500"},
		{name: "503", post: tw("503"), want: E, wantPage: E, page: "http 503", wantOE: E, oe: "http 503"},
		{name: "429 then ok", post: tw("429-then-ok"), want: L, wantPage: L, wantOE: L},
		{name: "429 retry after an hour", post: tw("429-long"), want: E, wantPage: E, page: "retry after 3600", wantOE: E, oe: "rate limited"},
		{name: "hanging server", post: tw("hang"), want: E, wantPage: E, page: "timeout", wantOE: E, oe: "timeout"},
		{name: "slow drip", post: tw("drip"), want: E, wantPage: E, page: "timeout", wantOE: E, oe: "timeout"},
		{name: "50 MB body", post: tw("big"), want: L, wantPage: L, wantOE: E, oe: "truncated"},
		{name: "gzip bomb", post: tw("bomb"), want: E, wantPage: E, page: "decompression bomb", wantOE: E, oe: "decompression bomb"},
		{name: "redirect loop", post: tw("loop"), want: E, wantPage: E, page: "redirect loop", wantOE: E, oe: "redirect loop"},
		{name: "redirect to 127.0.0.1", post: tw("to-loopback"), want: B, wantPage: B, page: "loopback", wantOE: B, oe: "loopback"},
		{name: "redirect to ::ffff:127.0.0.1", post: tw("to-mapped-loopback"), want: B, wantPage: B, page: "loopback", wantOE: B, oe: "loopback"},
		{name: "redirect to 169.254.169.254", post: tw("to-metadata"), want: B, wantPage: B, page: "169.254.169.254", wantOE: B, oe: "link-local"},
		{name: "name resolving to a private address", post: li("http://internal.test:" + port + "/p/ok/1"), want: B, wantPage: B, page: "private network"},
		{name: "localhost", post: li(fmt.Sprintf("http://localhost:%d/", trap.port())), want: B, wantPage: B, page: "loopback"},
		{name: "wrong content-type", post: tw("wrongtype"), want: L, wantPage: L, wantOE: E, oe: "content-type"},
		{name: "invalid JSON", post: tw("badjson"), want: L, wantPage: L, wantOE: E, oe: "invalid oEmbed JSON"},
		{name: "410", post: tw("gone"), want: D, wantPage: D, page: "http 410", wantOE: D, oe: "http 410"},
		{name: "404", post: tw("404"), want: D, wantPage: D, page: "http 404", wantOE: D},
		{name: "tombstone page", post: tw("tombstone"), want: D, wantPage: D, page: "doesn’t exist", wantOE: D},
		{name: "login wall", post: tw("login"), want: U, wantPage: U, page: "login wall", wantOE: U, oe: "login wall"},
		{name: "ftp scheme", post: li("ftp://127.0.0.2/file"), want: B, wantPage: B, page: "scheme"},
		{name: "file scheme", post: li("file:///etc/passwd"), want: B, wantPage: B, page: "scheme"},
	}

	f, err := New(Options{
		ProvidersFile:      prov,
		AllowNetworks:      []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")},
		Resolver:           mapResolver{"internal.test": {netip.MustParseAddr("10.1.2.3")}},
		Budget:             8 * time.Second,
		RequestTimeout:     400 * time.Millisecond,
		MaxBody:            1 << 20,
		RetryBase:          20 * time.Millisecond,
		MaxRetryAfter:      2 * time.Second,
		PerHostRate:        1000,
		PerHostConcurrency: 16,
		Concurrency:        32,
	})
	if err != nil {
		t.Fatal(err)
	}
	posts := make([]archive.Embed, len(cases))
	for i, c := range cases {
		posts[i] = archive.Embed{PostRef: c.post, Kind: archive.KindEmbed, Markup: "blockquote", Text: "as the article showed it"}
	}
	start := time.Now()
	caps := f.Fetch(context.Background(), posts)
	elapsed := time.Since(start)
	if len(caps) != len(cases) {
		t.Fatalf("got %d captures for %d posts", len(caps), len(cases))
	}
	// Everything ends well within the budget: the slowest is one honoured
	// Retry-After of 1 s.
	if elapsed > 4*time.Second {
		t.Errorf("faulty article took %v; want under 4s", elapsed)
	}
	t.Logf("faulty article of %d posts: %v", len(cases), elapsed)

	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := caps[i]
			if got.Post != c.post {
				t.Fatalf("capture %d is for %v, want %v (order lost)", i, got.Post, c.post)
			}
			if got.Status != c.want {
				t.Errorf("capture status %q, want %q; snapshots: %s", got.Status, c.want, describe(got.Snapshots))
			}
			bySource := map[string]archive.Snapshot{}
			for _, s := range got.Snapshots {
				bySource[s.Source] = s
			}
			if m, ok := bySource[archive.SourceMarkup]; !ok || m.Text != "as the article showed it" || m.SHA256 == "" {
				t.Errorf("markup snapshot missing or empty: %+v", m)
			}
			check := func(source string, want archive.Status, reason string) {
				s, ok := bySource[source]
				if want == "" {
					if ok {
						t.Errorf("%s snapshot present (%s %q), want none", source, s.Status, s.Reason)
					}
					return
				}
				if !ok {
					t.Errorf("no %s snapshot", source)
					return
				}
				if s.Status != want || !strings.Contains(s.Reason, reason) {
					t.Errorf("%s: status %q reason %q; want %q with %q", source, s.Status, s.Reason, want, reason)
				}
				if s.Status == archive.StatusLive && (s.Text == "" || s.SHA256 == "") {
					t.Errorf("%s: live without text or digest: %+v", source, s)
				}
			}
			check(archive.SourcePage, c.wantPage, c.page)
			check(archive.SourceOEmbed, c.wantOE, c.oe)
		})
	}

	t.Run("retries are bounded", func(t *testing.T) {
		// MaxRetries 2: three attempts per source, no more.
		for _, k := range []string{"500 p", "500 oe", "503 p", "503 oe"} {
			if n := fs.count(k); n != 3 {
				t.Errorf("%s: %d requests, want 3", k, n)
			}
		}
		if n := fs.count("429-long p"); n != 1 {
			t.Errorf("429 with Retry-After 3600: %d requests, want 1 (no waiting an hour)", n)
		}
		if n := fs.count("429-then-ok p"); n != 2 {
			t.Errorf("429 with Retry-After 1: %d requests, want 2", n)
		}
	})
	t.Run("blocked addresses got no connection", func(t *testing.T) {
		if n := trap.count.Load(); n != 0 {
			t.Errorf("the refused loopback listener accepted %d connections, want 0", n)
		}
	})
	t.Run("big body was cut, not read", func(t *testing.T) {
		for _, s := range caps[7].Snapshots {
			if s.Source != archive.SourceMarkup && (!s.Truncated || int64(len(s.Body)) > 1<<20) {
				t.Errorf("%s: truncated=%v body=%d bytes; want truncated at 1 MiB", s.Source, s.Truncated, len(s.Body))
			}
		}
	})
}

// providersFileRouted maps every /p/<fault>/... post to /oe/<fault>.
func providersFileRouted(t *testing.T, base string) string {
	t.Helper()
	m := map[string]string{}
	for _, f := range []string{"ok", "500", "503", "429-then-ok", "429-long", "hang", "drip", "big", "bomb",
		"loop", "to-loopback", "to-mapped-loopback", "to-metadata", "wrongtype", "badjson", "gone", "404", "tombstone", "login"} {
		m[base+"/p/"+f+"/*"] = base + "/oe/" + f
	}
	return providersFile(t, m)
}

func describe(snaps []archive.Snapshot) string {
	var b strings.Builder
	for _, s := range snaps {
		fmt.Fprintf(&b, "[%s %s %q http=%d] ", s.Source, s.Status, s.Reason, s.HTTPStatus)
	}
	return b.String()
}
