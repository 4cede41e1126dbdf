package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// corpusCase is one post served by the stand-in platform: its page and
// oEmbed answer are real files from ../shared/corpus/oembed.
type corpusCase struct {
	name     string
	platform archive.Platform
	id       string
	page     string // corpus file served as the post's page ("" = 404)
	oembed   string // corpus file served as its oEmbed answer ("" = 404)
}

var corpusCases = []corpusCase{
	{"x pepephone", archive.Twitter, "436461658601713664", "oscarotero__Embed__twitter.com.pepephone-status-436461658601713664.html", "oscarotero__Embed__publish.twitter.com.oembed.74c74dd25f98b025ab78f1dae7fb29fe.json"},
	{"x pepephone via x.com", archive.Twitter, "436461658601713664", "", "oscarotero__Embed__publish.x.com.oembed.c2316e80cd18b909adfc30da81153a4d.json"},
	{"twitter legacy permalink", archive.Twitter, "363116819147538433", "discourse__onebox__twitterstatus.html", ""},
	{"twitter legacy quoted", archive.Twitter, "1128068672289890305", "discourse__onebox__twitterstatus_quoted.html", ""},
	{"x og page", archive.Twitter, "1222907250383245320", "microlinkhq__metascraper__x__post-og.html", ""},
	{"x page", archive.Twitter, "1222907250383245320", "microlinkhq__metascraper__x__post.html", ""},
	{"bluesky json-ld", archive.Bluesky, "3mddvy5bv6k27", "microlinkhq__metascraper__bluesky__post.html", ""},
	{"bluesky meta value=", archive.Bluesky, "3lhco34pdss2j", "jocmp__mercury-parser__bsky.app-post.html", ""},
	{"instagram", archive.Instagram, "CARbvuYDm3Q", "microlinkhq__metascraper__instagram__post-with-photo.html", "discourse__onebox__instagram.json"},
	{"instagram old oembed", archive.Instagram, "B-4Hx1mDhMF", "", "discourse__onebox__instagram_old.json"},
	{"reddit", archive.Reddit, "1pzbv0z", "microlinkhq__metascraper__reddit__post.html", "oscarotero__Embed__www.reddit.com.oembed.89faebb97139ce53a083a645bddfc9ee.json"},
	{"reddit image", archive.Reddit, "b4d5xm", "discourse__onebox__reddit_image.html", "oscarotero__Embed__www.reddit.com.oembed.3ede068a9562cbb20cda739887ac4147.json"},
	{"reddit shell page", archive.Reddit, "7pfpeq", "oscarotero__Embed__www.reddit.com.r-investing-comments-7pfpeq-buffett_on_cyrptocurrencies_i_can_say_almost_with.html", "oscarotero__Embed__www.reddit.com.oembed.ce357a92629d244f4d53ac3643420128.json"},
	{"tiktok", archive.TikTok, "7571863205253778710", "microlinkhq__metascraper__tiktok__video.html", ""},
	{"tiktok a3noticias", archive.TikTok, "6806030056956251397", "oscarotero__Embed__www.tiktok.com.a3noticias-video-6806030056956251397.html", "oscarotero__Embed__www.tiktok.com.oembed.901352644d63ef08f7546c3394cf07bb.json"},
	{"youtube", archive.YouTube, "eiHXASgRTcA", "", "oscarotero__Embed__www.youtube.com.oembed.4e2dd395e94cc4f7fd39a8081b0cdc17.json"},
	{"youtube user url", archive.YouTube, "eiHXASgRTcA", "", "oscarotero__Embed__www.youtube.com.oembed.5983a98476444a059f7de5f74a874179.json"},
	{"youtube playlist", archive.YouTube, "PL4qTakKkQATKOyZPJG_cAMnRtF7fAIdST", "", "oscarotero__Embed__www.youtube.com.oembed.44a61a3c2dd08c4b95475fbaf4d23362.json"},
	{"vimeo", archive.Vimeo, "235352744", "", "oscarotero__Embed__vimeo.com.api-oembed.json.ebd0c8c106510b739eb83060c23f7892.json"},
	{"vimeo minimal", archive.Vimeo, "235352744", "", "oscarotero__Embed__vimeo.com.api-oembed.json.a647af9efa5b50781a131ff0fe77e579.json"},
	{"telegram t.me page", archive.Telegram, "28542", "microlinkhq__metascraper__telegram__post-full-image.html", ""},
}

// corpusServer serves /page/<n>/... and /oe/<n> from the corpus, and the
// hand-written Telegram widget pages from testdata for ?embed=1.
func corpusServer(t *testing.T) (*corpusStand, func(c corpusCase, i int) archive.Embed) {
	t.Helper()
	corpusDir(t)
	mux := http.NewServeMux()
	for i, c := range corpusCases {
		n := "/" + itoa(i)
		if c.page != "" {
			h := serveFile(t, c.page, "text/html; charset=utf-8")
			if c.platform == archive.Telegram {
				widget, err := os.ReadFile(filepath.Join("testdata", "telegram_widget.html"))
				if err != nil {
					t.Fatal(err)
				}
				mux.HandleFunc("/page"+n+"/", func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Query().Get("embed") == "1" {
						w.Header().Set("Content-Type", "text/html; charset=utf-8")
						_, _ = w.Write(widget)
						return
					}
					h(w, r)
				})
			} else {
				mux.Handle("/page"+n+"/", h)
			}
		}
		if c.oembed != "" {
			mux.Handle("/oe"+n, serveFile(t, c.oembed, "application/json; charset=utf-8"))
		}
	}
	srv := startServer(t, "127.0.0.1:0", mux)
	entries := map[string]string{}
	for i := range corpusCases {
		entries[srv.URL+"/page/"+itoa(i)+"/*"] = srv.URL + "/oe/" + itoa(i)
	}
	prov := providersFile(t, entries)
	stand := &corpusStand{url: srv.URL, providers: prov}
	post := func(c corpusCase, i int) archive.Embed {
		u := srv.URL + "/page/" + itoa(i) + "/" + c.id
		if c.platform == archive.Telegram {
			u = srv.URL + "/page/" + itoa(i) + "/" + c.id + "/x"
		}
		return archive.Embed{PostRef: archive.PostRef{Platform: c.platform, ID: c.id, URL: u}, Kind: archive.KindEmbed, Markup: "blockquote"}
	}
	return stand, post
}

type corpusStand struct{ url, providers string }

func itoa(i int) string { return strconv.Itoa(i) }

// goldenSnapshot is what the golden file pins of a snapshot (no times, no
// server port).
type goldenSnapshot struct {
	Source       string         `json:"source"`
	Status       archive.Status `json:"status"`
	Reason       string         `json:"reason,omitempty"`
	HTTPStatus   int            `json:"http_status,omitempty"`
	SHA256       string         `json:"sha256,omitempty"`
	Text         string         `json:"text,omitempty"`
	AuthorName   string         `json:"author_name,omitempty"`
	AuthorHandle string         `json:"author_handle,omitempty"`
	PublishedAt  string         `json:"published_at,omitempty"`
	Lang         string         `json:"lang,omitempty"`
	MediaURLs    []string       `json:"media_urls,omitempty"`
}

type goldenCapture struct {
	Name      string           `json:"name"`
	Status    archive.Status   `json:"status"`
	Snapshots []goldenSnapshot `json:"snapshots"`
}

func TestCorpusSnapshots(t *testing.T) {
	stand, post := corpusServer(t)
	f, err := New(Options{
		ProvidersFile:  stand.providers,
		AllowNetworks:  []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")},
		RequestTimeout: 5 * time.Second,
		PerHostRate:    1000,
	})
	if err != nil {
		t.Fatal(err)
	}
	posts := make([]archive.Embed, len(corpusCases))
	for i, c := range corpusCases {
		posts[i] = post(c, i)
	}
	caps := f.Fetch(context.Background(), posts)

	var got []goldenCapture
	for i, c := range caps {
		g := goldenCapture{Name: corpusCases[i].name, Status: c.Status}
		for _, s := range c.Snapshots {
			if s.Source == archive.SourceMarkup {
				continue
			}
			gs := goldenSnapshot{
				Source: s.Source, Status: s.Status, Reason: s.Reason, HTTPStatus: s.HTTPStatus,
				SHA256: s.SHA256, Text: s.Text, AuthorName: s.AuthorName, AuthorHandle: s.AuthorHandle,
				Lang: s.Lang, MediaURLs: s.MediaURLs,
			}
			if !s.PublishedAt.IsZero() {
				gs.PublishedAt = s.PublishedAt.Format(time.RFC3339Nano)
			}
			g.Snapshots = append(g.Snapshots, gs)
		}
		got = append(got, g)
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.ReplaceAll(b, []byte(stand.url), []byte("http://SERVER"))
	golden := filepath.Join("testdata", "corpus.golden.json")
	if *update {
		if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(b)) {
		t.Errorf("snapshots differ from %s (go test -run TestCorpusSnapshots -update to accept):\n%s", golden, b)
	}

	// Facts read off the real files by hand, independent of the golden.
	find := func(name, source string) archive.Snapshot {
		for i, c := range corpusCases {
			if c.name == name {
				for _, s := range caps[i].Snapshots {
					if s.Source == source {
						return s
					}
				}
			}
		}
		t.Fatalf("no %s snapshot for %s", source, name)
		return archive.Snapshot{}
	}
	facts := []struct {
		name, source         string
		text, author, handle string
		published, lang      string
		status               archive.Status
	}{
		{"x pepephone", archive.SourceOEmbed, "Pepephone rompe la baraja", "Pepephone", "pepephone", "2014-02-20T00:00:00Z", "es", archive.StatusLive},
		{"x pepephone", archive.SourcePage, "", "", "", "", "", archive.StatusUnavailable},
		{"twitter legacy permalink", archive.SourcePage, "I'm a sucker for pledges.", "Vyki Englert", "vyki_e", "2013-08-02T01:59:30Z", "en", archive.StatusLive},
		{"x og page", archive.SourcePage, "Schiff blasted", "Donald J. Trump", "realDonaldTrump", "", "", archive.StatusLive},
		{"bluesky json-ld", archive.SourcePage, "It's Orwell's doublespeak.", "Stephen King", "stephenking.bsky.social", "2026-01-26T18:50:48.357Z", "", archive.StatusLive},
		{"bluesky meta value=", archive.SourcePage, "", "guilherme nunes", "guilhernunes.bsky.social", "2025-02-03T23:11:38.554Z", "", archive.StatusLive},
		{"tiktok a3noticias", archive.SourceOEmbed, "AplausoSanitario", "Antena 3 Noticias", "a3noticias", "", "", archive.StatusLive},
		{"youtube", archive.SourceOEmbed, "Noisy kittens waiting for dinner!", "smshdchrb", "smshdchrb", "", "", archive.StatusLive},
		{"youtube playlist", archive.SourceOEmbed, "De espaldas al patriarcado", "Scadrei5", "Scadrei5", "", "", archive.StatusLive},
		{"vimeo", archive.SourceOEmbed, "Vimeo Live is here", "Vimeo", "vimeomarketing", "", "", archive.StatusLive},
		{"reddit", archive.SourceOEmbed, "Buffett on cyrptocurrencies", "dennisrieves", "", "", "", archive.StatusLive},
		{"telegram t.me page", archive.SourcePage, "First line of the post.\nSecond line with a link.", "Example Channel", "examplechannel", "2025-03-01T09:30:00Z", "", archive.StatusLive},
		{"instagram old oembed", archive.SourceOEmbed, "For the first time in three decades", "", "", "", "", archive.StatusLive},
	}
	for _, fc := range facts {
		t.Run(fc.name+" "+fc.source, func(t *testing.T) {
			s := find(fc.name, fc.source)
			if s.Status != fc.status {
				t.Errorf("status %q (%s), want %q", s.Status, s.Reason, fc.status)
			}
			if !strings.Contains(s.Text, fc.text) {
				t.Errorf("text %q, want it to contain %q", s.Text, fc.text)
			}
			if fc.author != "" && s.AuthorName != fc.author {
				t.Errorf("author %q, want %q", s.AuthorName, fc.author)
			}
			if fc.handle != "" && s.AuthorHandle != fc.handle {
				t.Errorf("handle %q, want %q", s.AuthorHandle, fc.handle)
			}
			if fc.published != "" && s.PublishedAt.Format(time.RFC3339Nano) != fc.published {
				t.Errorf("published %v, want %s", s.PublishedAt, fc.published)
			}
			if fc.lang != "" && s.Lang != fc.lang {
				t.Errorf("lang %q, want %q", s.Lang, fc.lang)
			}
			if s.SHA256 == "" || len(s.Body) == 0 {
				t.Errorf("no body or digest kept")
			}
		})
	}
}
