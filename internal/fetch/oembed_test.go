package fetch

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/embedarchive/embedarchive/internal/archive"
)

func TestParseOEmbed(t *testing.T) {
	huge := strings.Repeat("é", 100000)
	cases := []struct {
		name    string
		p       archive.Platform
		body    string
		wantErr string
		check   func(t *testing.T, s archive.Snapshot)
	}{
		{name: "not JSON", p: archive.Twitter, body: "<html>", wantErr: "invalid oEmbed JSON"},
		{name: "JSON array", p: archive.Twitter, body: "[1,2]", wantErr: "invalid oEmbed JSON"},
		{name: "error object", p: archive.Reddit, body: `{"error":"not found"}`, wantErr: "oEmbed error"},
		{name: "empty object", p: archive.Vimeo, body: `{}`, wantErr: "not an oEmbed answer"},
		{name: "bluesky blockquote", p: archive.Bluesky,
			body: `{"type":"rich","version":"1.0","author_name":"Jay","author_url":"https://bsky.app/profile/jay.bsky.team","html":"<blockquote class=\"bluesky-embed\"><p lang=\"en\">hello world</p>&mdash; Jay (<a href=\"https://bsky.app/profile/x\">@jay.bsky.team</a>) <a href=\"https://bsky.app/profile/x/post/1\">May 5, 2024 at 3:04 PM</a></blockquote>"}`,
			check: func(t *testing.T, s archive.Snapshot) {
				if s.Text != "hello world" || s.Lang != "en" || s.AuthorHandle != "jay.bsky.team" || s.PublishedAt.Format("2006-01-02 15:04") != "2024-05-05 15:04" {
					t.Errorf("got text %q lang %q handle %q published %v", s.Text, s.Lang, s.AuthorHandle, s.PublishedAt)
				}
			}},
		{name: "hostile fields are capped and filtered", p: archive.Vimeo,
			body: `{"type":"video","version":"1.0","title":"` + huge + `","author_name":"` + huge + `","thumbnail_url":"javascript:alert(1)"}`,
			check: func(t *testing.T, s archive.Snapshot) {
				if n := utf8.RuneCountInString(s.Text); n != maxTextRunes {
					t.Errorf("text of %d runes, want capped at %d", n, maxTextRunes)
				}
				if n := utf8.RuneCountInString(s.AuthorName); n != maxFieldRunes {
					t.Errorf("author of %d runes, want %d", n, maxFieldRunes)
				}
				if len(s.MediaURLs) != 0 {
					t.Errorf("media %v, want the javascript: URL dropped", s.MediaURLs)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, err := parseOEmbed(c.p, []byte(c.body))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var s archive.Snapshot
			x.apply(&s)
			c.check(t, s)
		})
	}
}
