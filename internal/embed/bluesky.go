package embed

import (
	"net/url"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Bluesky: bsky.app/profile/<handle|did>/post/<rkey> and the rendered
// player embed.bsky.app/embed/<did>/app.bsky.feed.post/<rkey>. The id is
// the record key, a TID whose first 53 bits are microseconds.
var blueskyRecognizer = recognizer{
	platform: archive.Bluesky,
	hosts:    []string{"bsky.app", "bsky.social"},
	parse:    parseBluesky,
}

func parseBluesky(host string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	switch {
	case len(seg) >= 4 && seg[0] == "profile" && seg[2] == "post":
		return blueskyRef(seg[1], seg[3])
	case len(seg) >= 4 && seg[0] == "embed" && seg[2] == "app.bsky.feed.post":
		return blueskyRef(seg[1], seg[3])
	}
	return no()
}

func blueskyRef(actor, rkey string) (archive.PostRef, bool) {
	if !isToken(rkey, 1, 64, "-.~:") || actor == "" || strings.ContainsAny(actor, "/?#") {
		return no()
	}
	if !strings.HasPrefix(actor, "did:") && !strings.Contains(actor, ".") {
		return no()
	}
	return ref(archive.Bluesky, rkey, "https://bsky.app/profile/"+actor+"/post/"+rkey)
}
