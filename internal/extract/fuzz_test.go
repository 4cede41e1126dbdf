package extract

import (
	"context"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// fuzzSeeds are small articles in every form the extractor reads; they
// run as plain tests in `go test` and seed `go test -fuzz FuzzExtract`.
var fuzzSeeds = []struct{ source, raw string }{
	{"a.html", `<blockquote class="twitter-tweet"><p lang="en">Hi</p>&mdash; A (@a) <a href="https://twitter.com/a/status/1196540095848996871">November 18, 2019</a></blockquote>`},
	{"a.html", `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/B1mHd6sHGXK/"><p>A post shared by B (@b) on <time datetime="2019-08-29T16:03:25+00:00">Aug 29</time></p></blockquote>`},
	{"a.html", `<iframe data-src="//www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe><noscript><iframe src="https://player.vimeo.com/video/76979871"></iframe></noscript>`},
	{"a.html", `<amp-twitter data-tweetid="1"></amp-twitter><amp-facebook data-href="https://www.facebook.com/a/posts/123456" data-embed-as="video"></amp-facebook><amp-tiktok data-src="6718335390845095173"></amp-tiktok>`},
	{"a.html", `<div data-embed="&lt;blockquote class=&quot;tiktok-embed&quot; cite=&quot;https://www.tiktok.com/@a/video/6718335390845095173&quot;&gt;&lt;/blockquote&gt;"></div>`},
	{"a.html", `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://bsky.app/profile/a.bsky.social/post/3mdvfzll4622m
</div></figure><p>https://t.me/durov/43</p><script data-telegram-post="durov/44"></script>`},
	{"a.html", `<meta charset="windows-1252"><title>caf` + "\xe9" + `</title><p>` + "\x93" + `Quote` + "\x94" + ` she said.</p>`},
	{"a.html", `<div><div><div><span><p><blockquote class="reddit-embed-bq"><a href="https://www.reddit.com/r/a/comments/1gx2abc/t/">t</a></blockquote>`},
	{"a.txt", "Title\n\nhttps://mastodon.social/@a/113512345678901234\n\nSee https://truthsocial.com/@b/posts/113512345678901234 today.\n"},
	{"a.md", "# T\n\n[post](https://www.linkedin.com/feed/update/urn:li:activity:7012345678901234567/)\n\n<https://www.threads.net/@z/post/CuXFPIeLLod>\n"},
	{"a.md", "# T\n\n<blockquote class=\"twitter-tweet\"><p>x</p>&mdash; A (@a) <a href=\"https://twitter.com/a/status/1196540095848996871\">x</a></blockquote>\n\nhttps://t.me/durov/43\n"},
	{"a.html", "<html><body><amp-instagram data-shortcode=\"B1mHd6sHGXK\"></amp-instagram><iframe srcdoc=\"&lt;iframe src=&quot;https://player.vimeo.com/video/1&quot;&gt;\"></iframe></body></html>"},
	{"a.html", "\xff\xfe<\x00p\x00>\x00"},
	{"a.html", ""},
	{"a.html", "\x00\x01\x02binary"},
	{"a.html", "<p>\xc3\x28 invalid utf-8 \xe2\x82</p>"},
}

// FuzzExtract feeds arbitrary bytes to the extractor: it must never panic,
// must fail only with the documented kinds, and must return valid UTF-8
// text and non-nil lists that encode to JSON.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.source, []byte(s.raw))
	}
	x := New()
	f.Fuzz(func(t *testing.T, source string, raw []byte) {
		ex, err := x.Extract(context.Background(), source, raw)
		if err != nil {
			if k := archive.KindOf(err); k != archive.Invalid && k != archive.TooLarge {
				t.Fatalf("error of kind %v: %v", k, err)
			}
			return
		}
		if ex.Embeds == nil || ex.Quotes == nil {
			t.Fatal("nil embeds or quotes")
		}
		if !utf8.ValidString(ex.Body) || !utf8.ValidString(ex.Title) {
			t.Fatalf("invalid UTF-8 in body or title")
		}
		seen := map[string]bool{}
		for _, e := range ex.Embeds {
			if !e.Platform.Valid() || e.ID == "" || e.URL == "" {
				t.Fatalf("bad embed %+v", e)
			}
			k := string(e.Kind) + "|" + e.Key()
			if seen[k] {
				t.Fatalf("duplicate %s", k)
			}
			seen[k] = true
		}
		if _, err := json.Marshal(ex); err != nil {
			t.Fatalf("marshal: %v", err)
		}
	})
}
