package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// tweetText is in the corpus's X/Twitter oEmbed answer and in the stand-in.
const tweetText = "Pepephone rompe la baraja"

// standInOEmbed returns the X/Twitter and YouTube oEmbed answers to serve:
// the real ones from ../shared/corpus/oembed, or, on a clone without
// ../shared, hand-written stand-ins carrying the fields the test checks.
func standInOEmbed(t *testing.T) (tw, yt []byte) {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "oembed")
	tw, err1 := os.ReadFile(filepath.Join(dir, "oscarotero__Embed__publish.twitter.com.oembed.74c74dd25f98b025ab78f1dae7fb29fe.json"))
	yt, err2 := os.ReadFile(filepath.Join(dir, "oscarotero__Embed__www.youtube.com.oembed.4e2dd395e94cc4f7fd39a8081b0cdc17.json"))
	if err1 == nil && err2 == nil {
		return tw, yt
	}
	t.Logf("%s absent: serving hand-written stand-ins", dir)
	tw = []byte(`{"author_name":"Pepephone","author_url":"https://twitter.com/pepephone","type":"rich","version":"1.0",` +
		`"html":"<blockquote class=\"twitter-tweet\"><p lang=\"es\">Stand-in: ` + tweetText + `</p>&mdash; Pepephone (@pepephone) <a href=\"https://twitter.com/pepephone/status/436461658601713664\">February 20, 2014</a></blockquote>"}`)
	yt = []byte(`{"title":"Noisy kittens waiting for dinner!","author_name":"stand-in","author_url":"https://www.youtube.com/@stand-in","type":"video","version":"1.0"}`)
	return tw, yt
}

// TestFetchCommandAgainstLocalPlatform runs `embedarchive fetch` the way a
// user without network can: EMBEDARCHIVE_PROVIDERS points the X/Twitter
// and YouTube oEmbed endpoints at a local stand-in serving the real
// answers from ../shared/corpus/oembed (hand-written stand-ins where that is
// absent), and EMBEDARCHIVE_ALLOW_NETWORKS
// lets the fetcher reach 127.0.0.1. Only the oEmbed source is asked, so
// nothing leaves the machine.
func TestFetchCommandAgainstLocalPlatform(t *testing.T) {
	tw, yt := standInOEmbed(t)
	var mu sync.Mutex
	var asked []string
	mux := http.NewServeMux()
	serve := func(body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			asked = append(asked, r.URL.Query().Get("url"))
			mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(body)
		}
	}
	mux.HandleFunc("/twitter/oembed", serve(tw))
	mux.HandleFunc("/youtube/oembed", serve(yt))
	srv := httptest.NewServer(mux) // 127.0.0.1
	defer srv.Close()

	prov := filepath.Join(t.TempDir(), "providers.json")
	if err := os.WriteFile(prov, []byte(`[
	 {"provider_name":"Twitter","endpoints":[{"schemes":["https://x.com/*/status/*","https://twitter.com/*/status/*"],"url":"`+srv.URL+`/twitter/oembed"}]},
	 {"provider_name":"YouTube","endpoints":[{"schemes":["https://www.youtube.com/watch*"],"url":"`+srv.URL+`/youtube/oembed"}]}
	]`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EMBEDARCHIVE_PROVIDERS", prov)
	t.Setenv("EMBEDARCHIVE_ALLOW_NETWORKS", "127.0.0.0/8")
	t.Setenv("EMBEDARCHIVE_META_TOKEN", "")
	warc := filepath.Join(t.TempDir(), "fetch.warc.gz")

	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"fetch", "--json", "--sources", "oembed", "--warc", warc, "--timeout", "10s",
		"https://twitter.com/pepephone/status/436461658601713664",
		"https://www.youtube.com/watch?v=eiHXASgRTcA",
		"https://www.instagram.com/p/CARbvuYDm3Q/",
		"https://example.com/not-a-post",
	}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d, want 1 (one URL is not a post); stderr: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "not-a-post: not a recognised post URL") {
		t.Errorf("stderr does not name the unrecognised URL: %s", errOut.String())
	}

	type line struct {
		URL, Platform, Status, Error string
		PostID                       string `json:"post_id"`
		Snapshots                    []map[string]any
	}
	var lines []line
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var v line
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("not a JSON line: %q: %v", l, err)
		}
		lines = append(lines, v)
	}
	if len(lines) != 4 {
		t.Fatalf("%d lines, want one per URL:\n%s", len(lines), out.String())
	}
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }

	x := lines[0]
	if x.Platform != "twitter" || x.PostID != "436461658601713664" || x.Status != "live" || len(x.Snapshots) != 1 {
		t.Fatalf("twitter line: %+v", x)
	}
	s := x.Snapshots[0]
	for _, k := range []string{"source", "request_url", "final_url", "http_status", "status", "sha256", "fetched_at", "text", "author_name", "author_handle", "published_at"} {
		if _, ok := s[k]; !ok {
			t.Errorf("snapshot lacks %q: %v", k, s)
		}
	}
	sum := sha256.Sum256(tw)
	if str(s, "source") != "oembed" || s["http_status"] != float64(200) || str(s, "sha256") != hex.EncodeToString(sum[:]) {
		t.Errorf("twitter snapshot %v; want oembed, 200 and the digest of the body served", s)
	}
	if !strings.HasPrefix(str(s, "request_url"), srv.URL+"/twitter/oembed?") {
		t.Errorf("request_url %s, want the providers-file endpoint", str(s, "request_url"))
	}
	if !strings.Contains(str(s, "text"), tweetText) || str(s, "author_handle") != "pepephone" || str(s, "published_at") != "2014-02-20T00:00:00Z" {
		t.Errorf("twitter fields: text %q handle %q published %q", str(s, "text"), str(s, "author_handle"), str(s, "published_at"))
	}
	if y := lines[1]; y.Platform != "youtube" || y.Status != "live" || str(y.Snapshots[0], "text") != "Noisy kittens waiting for dinner!" {
		t.Errorf("youtube line: %+v", y)
	}
	if ig := lines[2]; ig.Platform != "instagram" || ig.Status != "unavailable" || str(ig.Snapshots[0], "reason") != "credentials" {
		t.Errorf("instagram without a Meta token: %+v", ig)
	}
	if bad := lines[3]; bad.Error == "" || bad.URL != "https://example.com/not-a-post" {
		t.Errorf("unrecognised URL line: %+v", bad)
	}
	mu.Lock()
	if len(asked) != 2 {
		t.Errorf("stand-in asked %d times (%v), want 2", len(asked), asked)
	}
	mu.Unlock()
	if fi, err := os.Stat(warc); err != nil || fi.Size() == 0 {
		t.Errorf("WARC file: %v", err)
	}

	// The human form names the status and the text.
	out.Reset()
	if code := run(context.Background(), []string{"fetch", "--sources", "oembed", "https://x.com/pepephone/status/436461658601713664"}, &out, &errOut); code != 0 {
		t.Fatalf("text mode exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "LIVE") || !strings.Contains(out.String(), tweetText) {
		t.Errorf("text output:\n%s", out.String())
	}
}
