package fetch

import (
	"context"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// TestPageStatuses serves small pages for a post and checks the status
// and text the page snapshot gets: tombstones, walls, charsets, empty
// script shells.
func TestPageStatuses(t *testing.T) {
	missing, err := os.ReadFile(filepath.Join("testdata", "telegram_widget_missing.html"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		platform archive.Platform
		ctype    string
		body     []byte
		want     archive.Status
		text     string // substring of the text, or of the reason when not live
	}{
		{"telegram post not found", archive.Telegram, "text/html", missing, archive.StatusDeleted, "post not found"},
		{"instagram removed", archive.Instagram, "text/html", []byte(`<html><body><h2>Sorry, this page isn't available.</h2><p>The link you followed may be broken.</p></body></html>`), archive.StatusDeleted, "isn't available"},
		{"x suspended", archive.Twitter, "text/html", []byte(`<html><body><span>Account suspended</span></body></html>`), archive.StatusUnavailable, "account suspended"},
		{"latin-1 page", archive.Mastodon, "text/html; charset=iso-8859-1", []byte("<html><head><meta property=\"og:description\" content=\"Caf\xe9 cr\xe8me\"><meta property=\"og:title\" content=\"Someone (@someone@example.social)\"></head></html>"), archive.StatusLive, "Café crème"},
		{"script shell", archive.TikTok, "text/html", []byte(`<html><head><title>TikTok</title><script>window.x=1</script></head><body><div id="app"></div></body></html>`), archive.StatusUnavailable, "no post content"},
		{"image instead of a page", archive.Twitter, "image/png", []byte("\x89PNG\r\n\x1a\n"), archive.StatusError, "content-type"},
		{"youtube removed", archive.YouTube, "text/html", []byte(`<html><head><title>YouTube</title><script>var ytInitialPlayerResponse = {"responseContext":{},"playabilityStatus":{"status":"ERROR","reason":"Video unavailable"}};</script></head></html>`), archive.StatusDeleted, "video unavailable"},
		{"youtube age gate", archive.YouTube, "text/html", []byte(`<html><head><meta property="og:title" content="A video"><script>var ytInitialPlayerResponse = {"playabilityStatus":{"status":"LOGIN_REQUIRED","reason":"Sign in to confirm your age"}};</script></head></html>`), archive.StatusUnavailable, "age gate"},
		{"no content-type, sniffed html", archive.Bluesky, "", []byte(`<!DOCTYPE html><html><head><meta name="og:description" value="sniffed text"><meta name="og:title" value="A (@a.bsky.social)"></head></html>`), archive.StatusLive, "sniffed text"},
	}
	mux := http.NewServeMux()
	for i, c := range cases {
		mux.HandleFunc("/"+itoa(i)+"/", func(w http.ResponseWriter, r *http.Request) {
			if c.ctype != "" {
				w.Header().Set("Content-Type", c.ctype)
			} else {
				w.Header()["Content-Type"] = nil // no sniffing by net/http either
			}
			_, _ = w.Write(c.body)
		})
	}
	srv := startServer(t, "127.0.0.1:0", mux)
	f, err := New(Options{Sources: []string{archive.SourcePage}, AllowNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, RequestTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			post := archive.PostRef{Platform: c.platform, ID: "1", URL: srv.URL + "/" + itoa(i) + "/channel/1"}
			s := f.fetchPage(context.Background(), post)
			if s.Status != c.want {
				t.Fatalf("status %q (%s), want %q", s.Status, s.Reason, c.want)
			}
			got := s.Reason
			if s.Status == archive.StatusLive {
				got = s.Text
			}
			if !strings.Contains(strings.ToLower(got), strings.ToLower(c.text)) {
				t.Errorf("got %q, want it to contain %q", got, c.text)
			}
		})
	}
}
