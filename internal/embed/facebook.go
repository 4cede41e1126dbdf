package embed

import (
	"net/url"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Facebook: /<page>/posts/<id|pfbid...>, /<page>/videos/[<slug>/]<id>,
// /<page>/photos/<album>/<id>, /permalink.php and /story.php?story_fbid=,
// /photo.php?fbid=, /watch/?v=, /video.php?v=, /reel/<id>,
// /groups/<g>/posts|permalink/<id>, fb.watch/<code>, and the rendered
// players plugins/post.php and plugins/video.php whose href names the post.
// Page boxes, like, share and comment plugins, sharer and dialog URLs are
// not posts.
var facebookRecognizer = recognizer{
	platform: archive.Facebook,
	hosts:    []string{"facebook.com", "fb.com", "fb.watch"},
	parse:    parseFacebook,
}

func parseFacebook(host string, seg []string, u *url.URL) (archive.PostRef, bool) {
	if host == "fb.watch" || strings.HasSuffix(host, ".fb.watch") {
		if len(seg) >= 1 && isToken(seg[0], 4, 30, "-") {
			return ref(archive.Facebook, seg[0], "https://fb.watch/"+seg[0]+"/")
		}
		return no()
	}
	if len(seg) == 0 {
		return no()
	}
	q := u.Query()
	// Rendered players: /plugins/post.php?href=..., also under /v2.x/.
	if len(seg) >= 2 && strings.HasPrefix(seg[0], "v") && seg[1] == "plugins" {
		seg = seg[1:]
	}
	if seg[0] == "plugins" {
		if len(seg) == 2 && (seg[1] == "post.php" || seg[1] == "video.php" || seg[1] == "comment_embed.php") {
			if href := q.Get("href"); href != "" {
				if hu, err := url.Parse(strings.TrimSpace(href)); err == nil && len(href) < maxURLLen {
					hh := normalizeHost(hu.Hostname())
					if hostMatches(hh, []string{"facebook.com", "fb.com", "fb.watch"}) {
						return parseFacebook(hh, segments(hu.EscapedPath()), hu)
					}
				}
			}
		}
		return no()
	}
	switch seg[0] {
	case "permalink.php", "story.php":
		id, page := fbID(q.Get("story_fbid")), q.Get("id")
		if id != "" && isDigits(page, 1, 25) {
			return ref(archive.Facebook, id, "https://www.facebook.com/permalink.php?story_fbid="+id+"&id="+page)
		}
		return no()
	case "photo.php", "photo":
		if id := fbID(q.Get("fbid")); id != "" {
			return ref(archive.Facebook, id, "https://www.facebook.com/photo.php?fbid="+id)
		}
		return no()
	case "watch":
		if id := q.Get("v"); isDigits(id, 5, 25) {
			return ref(archive.Facebook, id, "https://www.facebook.com/watch/?v="+id)
		}
		return no()
	case "video.php":
		if id := q.Get("v"); isDigits(id, 5, 25) {
			return ref(archive.Facebook, id, "https://www.facebook.com/watch/?v="+id)
		}
		return no()
	case "reel":
		if len(seg) >= 2 && isDigits(seg[1], 5, 25) {
			return ref(archive.Facebook, seg[1], "https://www.facebook.com/reel/"+seg[1])
		}
		return no()
	case "groups":
		if len(seg) >= 4 && (seg[2] == "posts" || seg[2] == "permalink") {
			if id := fbID(seg[3]); id != "" {
				return ref(archive.Facebook, id, "https://www.facebook.com/groups/"+seg[1]+"/posts/"+id+"/")
			}
		}
		return no()
	case "sharer", "sharer.php", "share", "share.php", "dialog", "login", "login.php", "hashtag",
		"search", "events", "pages", "profile.php", "people", "home.php", "tr", "help", "policies":
		return no()
	}
	page := seg[0]
	if !isToken(page, 1, 80, ".-") || len(seg) < 3 {
		return no()
	}
	switch seg[1] {
	case "posts", "activity":
		if id := fbID(seg[2]); id != "" {
			return ref(archive.Facebook, id, "https://www.facebook.com/"+page+"/posts/"+id)
		}
	case "videos":
		// /<page>/videos/<id>/ or /<page>/videos/<slug>/<id>/ or /videos/vb.<page>/<id>/.
		for _, s := range seg[2:] {
			if isDigits(s, 5, 25) {
				return ref(archive.Facebook, s, "https://www.facebook.com/"+page+"/videos/"+s+"/")
			}
		}
	case "photos":
		// /<page>/photos/<album>/<id>/ or /<page>/photos/<id>/.
		for i := len(seg) - 1; i >= 2; i-- {
			if isDigits(seg[i], 5, 25) {
				return ref(archive.Facebook, seg[i], "https://www.facebook.com/"+page+"/photos/"+seg[i]+"/")
			}
		}
	}
	return no()
}

// fbID returns s as a Facebook post id (numeric, or a pfbid token), without
// the ":0" suffix some share URLs add; "" when it is neither.
func fbID(s string) string {
	if i := strings.IndexByte(s, ':'); i > 0 {
		s = s[:i]
	}
	if isDigits(s, 3, 25) {
		return s
	}
	if strings.HasPrefix(s, "pfbid") && isToken(s, 10, 100, "") {
		return s
	}
	return ""
}
