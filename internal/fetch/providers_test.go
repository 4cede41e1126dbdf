package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

func TestProviderLookup(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "providers.json")
	if err := os.WriteFile(file, []byte(`[
	 {"provider_name": "My Proxy", "provider_url": "https://proxy.example",
	  "endpoints": [{"schemes": ["https://twitter.com/*/status/*", "https://*.tiktok.com/@*/video/*"], "url": "https://proxy.example/oembed.{format}"}]},
	 {"provider_name": "YouTube", "endpoints": [{"url": "https://yt-proxy.example/oembed"}]}
	]`), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := loadProviders(file)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		post      archive.PostRef
		want      string // request URL
		needsMeta bool
		none      bool
	}{
		{post: archive.PostRef{Platform: archive.Twitter, URL: "https://twitter.com/a/status/1"}, want: "https://proxy.example/oembed.json?url=https%3A%2F%2Ftwitter.com%2Fa%2Fstatus%2F1"},
		{post: archive.PostRef{Platform: archive.Twitter, URL: "https://x.com/a/status/1"}, want: "https://publish.twitter.com/oembed?format=json&url=https%3A%2F%2Fx.com%2Fa%2Fstatus%2F1"},
		{post: archive.PostRef{Platform: archive.TikTok, URL: "https://www.tiktok.com/@a/video/7"}, want: "https://proxy.example/oembed.json?url=https%3A%2F%2Fwww.tiktok.com%2F%40a%2Fvideo%2F7"},
		{post: archive.PostRef{Platform: archive.YouTube, URL: "https://www.youtube.com/watch?v=x"}, want: "https://yt-proxy.example/oembed?format=json&url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3Dx"},
		{post: archive.PostRef{Platform: archive.Vimeo, URL: "https://vimeo.com/1"}, want: "https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F1"},
		{post: archive.PostRef{Platform: archive.Bluesky, URL: "https://bsky.app/profile/a/post/b"}, want: "https://embed.bsky.app/oembed?format=json&url=https%3A%2F%2Fbsky.app%2Fprofile%2Fa%2Fpost%2Fb"},
		{post: archive.PostRef{Platform: archive.Reddit, URL: "https://www.reddit.com/r/a/comments/b/"}, want: "https://www.reddit.com/oembed?format=json&url=https%3A%2F%2Fwww.reddit.com%2Fr%2Fa%2Fcomments%2Fb%2F"},
		{post: archive.PostRef{Platform: archive.Mastodon, URL: "https://mastodon.social/@Gargron/1"}, want: "https://mastodon.social/api/oembed?format=json&url=https%3A%2F%2Fmastodon.social%2F%40Gargron%2F1"},
		{post: archive.PostRef{Platform: archive.TruthSocial, URL: "https://truthsocial.com/@a/1"}, want: "https://truthsocial.com/api/oembed?format=json&url=https%3A%2F%2Ftruthsocial.com%2F%40a%2F1"},
		{post: archive.PostRef{Platform: archive.Instagram, URL: "https://www.instagram.com/p/X/"}, want: "https://graph.facebook.com/v22.0/instagram_oembed?format=json&url=https%3A%2F%2Fwww.instagram.com%2Fp%2FX%2F", needsMeta: true},
		{post: archive.PostRef{Platform: archive.Threads, URL: "https://www.threads.net/@a/post/X"}, want: "https://graph.threads.net/v1.0/oembed?format=json&url=https%3A%2F%2Fwww.threads.net%2F%40a%2Fpost%2FX", needsMeta: true},
		{post: archive.PostRef{Platform: archive.Facebook, URL: "https://www.facebook.com/a/posts/1"}, want: "https://graph.facebook.com/v22.0/oembed_post?format=json&url=https%3A%2F%2Fwww.facebook.com%2Fa%2Fposts%2F1", needsMeta: true},
		{post: archive.PostRef{Platform: archive.Facebook, URL: "https://www.facebook.com/a/videos/1/"}, want: "https://graph.facebook.com/v22.0/oembed_video?format=json&url=https%3A%2F%2Fwww.facebook.com%2Fa%2Fvideos%2F1%2F", needsMeta: true},
		{post: archive.PostRef{Platform: archive.Telegram, URL: "https://t.me/a/1"}, none: true},
		{post: archive.PostRef{Platform: archive.LinkedIn, URL: "https://www.linkedin.com/posts/a"}, none: true},
	}
	for _, c := range cases {
		t.Run(c.post.URL, func(t *testing.T) {
			ep, ok := p.lookup(c.post)
			if ok == c.none {
				t.Fatalf("lookup ok=%v, want %v", ok, !c.none)
			}
			if c.none {
				return
			}
			if got := ep.requestURL(c.post.URL); got != c.want {
				t.Errorf("request URL\n got %s\nwant %s", got, c.want)
			}
			if ep.needsMeta != c.needsMeta {
				t.Errorf("needsMeta %v, want %v", ep.needsMeta, c.needsMeta)
			}
		})
	}
	for _, bad := range []string{`not json`, `[{"provider_name":"x","endpoints":[{"url":"file:///etc/passwd"}]}]`} {
		f := filepath.Join(dir, "bad.json")
		if err := os.WriteFile(f, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Options{ProvidersFile: f}); archive.KindOf(err) != archive.Invalid {
			t.Errorf("providers %q: err %v, want an Invalid error", bad, err)
		}
	}
	if _, err := New(Options{ProvidersFile: filepath.Join(dir, "missing.json")}); err == nil {
		t.Error("missing providers file: no error")
	}
}

func TestPageURL(t *testing.T) {
	cases := map[string]string{
		"https://t.me/chollometro/28542":        "https://t.me/chollometro/28542?embed=1",
		"https://t.me/s/chollometro/28542":      "https://t.me/chollometro/28542?embed=1",
		"https://t.me/chollometro/28542?single": "https://t.me/chollometro/28542?embed=1",
	}
	for in, want := range cases {
		if got := pageURL(archive.PostRef{Platform: archive.Telegram, URL: in}); got != want {
			t.Errorf("pageURL(%s) = %s, want %s", in, got, want)
		}
	}
	if got := pageURL(archive.PostRef{Platform: archive.Twitter, URL: "https://x.com/a/status/1"}); got != "https://x.com/a/status/1" {
		t.Errorf("twitter page URL changed: %s", got)
	}
}

// TestMetaCredentials: without a token a Meta platform's built-in oEmbed is
// not asked (status unavailable, reason credentials) and the markup
// snapshot is kept; with a token, a providers-file endpoint for a Meta
// platform gets it in an Authorization header, never in the recorded URL.
func TestMetaCredentials(t *testing.T) {
	post := archive.Embed{PostRef: archive.PostRef{Platform: archive.Instagram, ID: "CARbvuYDm3Q", URL: "https://www.instagram.com/p/CARbvuYDm3Q/"},
		Kind: archive.KindEmbed, Markup: "blockquote", Text: "caption as embedded", AuthorHandle: "natgeo"}
	f, err := New(Options{Sources: []string{archive.SourceOEmbed}})
	if err != nil {
		t.Fatal(err)
	}
	c := f.Fetch(context.Background(), []archive.Embed{post})[0]
	if c.Status != archive.StatusUnavailable || len(c.Snapshots) != 2 {
		t.Fatalf("capture %s with %d snapshots, want unavailable with markup and oembed: %s", c.Status, len(c.Snapshots), describe(c.Snapshots))
	}
	if m := c.Snapshots[0]; m.Source != archive.SourceMarkup || m.Text != "caption as embedded" {
		t.Errorf("markup snapshot not kept: %+v", m)
	}
	if o := c.Snapshots[1]; o.Status != archive.StatusUnavailable || o.Reason != "credentials" || o.HTTPStatus != 0 {
		t.Errorf("oembed snapshot %s %q http %d, want unavailable credentials without a request", o.Status, o.Reason, o.HTTPStatus)
	}

	var gotAuth string
	body := readCorpusOr(t, "discourse__onebox__instagram_old.json", "stand_in_tweet_oembed.json")
	srv := startServer(t, "127.0.0.1:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth = r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	prov := providersFile(t, map[string]string{"https://www.instagram.com/p/*": srv.URL + "/graph/instagram_oembed"})
	g, err := New(Options{ProvidersFile: prov, MetaToken: "123|secret", Sources: []string{archive.SourceOEmbed},
		AllowNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, RequestTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c = g.Fetch(context.Background(), []archive.Embed{post})[0]
	if c.Status != archive.StatusLive {
		t.Fatalf("with token: %s (%s)", c.Status, describe(c.Snapshots))
	}
	if gotAuth != "Bearer 123|secret" {
		t.Errorf("Authorization %q, want the token as a bearer", gotAuth)
	}
	if o := c.Snapshots[1]; strings.Contains(o.RequestURL+o.FinalURL, "secret") {
		t.Errorf("token leaked into the recorded URL %s", o.RequestURL)
	}
}

func TestMarkupSnapshot(t *testing.T) {
	e := archive.Embed{
		PostRef: archive.PostRef{Platform: archive.Twitter, ID: "1", URL: "https://x.com/a/status/1"},
		Kind:    archive.KindEmbed, Markup: "blockquote", AuthorName: "A <b>", AuthorHandle: "a",
		Text: "Oopsie, too late.", PublishedAt: time.Date(2024, 3, 1, 12, 0, 0, 0, time.FixedZone("x", 3600)),
	}
	got := string(MarkupJSON(e))
	want := `{"platform":"twitter","post_id":"1","url":"https://x.com/a/status/1","kind":"embed","markup":"blockquote","author_name":"A \u003cb\u003e","author_handle":"a","text":"Oopsie, too late.","published_at":"2024-03-01T11:00:00Z"}`
	if got != want {
		t.Errorf("canonical JSON\n got %s\nwant %s", got, want)
	}
	s := markupSnapshot(e, time.Now())
	sum := sha256.Sum256([]byte(want))
	if s.SHA256 != hex.EncodeToString(sum[:]) || string(s.Body) != want || s.Status != archive.StatusLive {
		t.Errorf("snapshot digest %s body %s status %s", s.SHA256, s.Body, s.Status)
	}
	e2 := e
	e2.Text = "Oopsie, too late!"
	if markupSnapshot(e2, time.Now()).SHA256 == s.SHA256 {
		t.Error("an edited text kept the same digest")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false}, {"2", 2 * time.Second, true}, {"-5", 0, true}, {"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, c := range cases {
		h := http.Header{}
		if c.v != "" {
			h.Set("Retry-After", c.v)
		}
		got, ok := retryAfter(h, now)
		if got != c.want || ok != c.ok {
			t.Errorf("Retry-After %q = %v,%v; want %v,%v", c.v, got, ok, c.want, c.ok)
		}
	}
}

func TestDecodeBody(t *testing.T) {
	small := gzipZeros(t, 1000)
	bomb := gzipZeros(t, 8<<20)
	cases := []struct {
		name              string
		coding            string
		wire              []byte
		wantLen           int
		truncated, isBomb bool
		wantErr           bool
	}{
		{"identity", "", []byte("hello"), 5, false, false, false},
		{"gzip", "gzip", small, 1000, false, false, false},
		{"bomb", "gzip", bomb, 1 << 20, true, true, true},
		{"not gzip", "gzip", []byte("plain"), 0, false, false, true},
		{"brotli", "br", []byte("x"), 0, false, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, tr, b, err := decodeBody(c.coding, c.wire, 1<<20)
			if len(out) != c.wantLen || tr != c.truncated || b != c.isBomb || (err != nil) != c.wantErr {
				t.Errorf("len=%d truncated=%v bomb=%v err=%v; want %d %v %v err=%v", len(out), tr, b, err, c.wantLen, c.truncated, c.isBomb, c.wantErr)
			}
		})
	}
}
