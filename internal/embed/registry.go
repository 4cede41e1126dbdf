package embed

import (
	"net/url"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// recognizer turns a parsed URL on one platform into a post reference. host
// is the URL's lower-case host with "www.", "m." and similar mobile prefixes
// removed; path segments are the non-empty pieces of the URL's path.
type recognizer struct {
	platform archive.Platform
	// hosts lists the hosts (after prefix stripping) the platform answers
	// on. A host matches when it equals one or ends in "."+one.
	hosts []string
	parse func(host string, seg []string, u *url.URL) (archive.PostRef, bool)
}

// registry lists the platforms with fixed hosts, in the order they are
// tried. Mastodon, whose posts live on any instance, is tried last by path
// shape alone (see mastodon.go).
var registry = []recognizer{
	twitterRecognizer,
	instagramRecognizer,
	tiktokRecognizer,
	facebookRecognizer,
	youtubeRecognizer,
	blueskyRecognizer,
	threadsRecognizer,
	redditRecognizer,
	linkedinRecognizer,
	telegramRecognizer,
	vimeoRecognizer,
	truthsocialRecognizer,
}

// hostPrefixes are dropped from a host before it is matched.
var hostPrefixes = []string{"www.", "m.", "mobile.", "web.", "mbasic.", "touch.", "old.", "new.", "np.", "amp."}

// maxURLLen bounds the URLs ParseURL looks at; no post URL is this long.
const maxURLLen = 4096

// ParseURL recognises raw as the URL of one post on one of the platforms and
// returns its canonical reference: the platform, the post id as the
// platform's canonical URL spells it (a tweet's status id, an Instagram
// shortcode, a YouTube video id, a Bluesky record key, a Facebook numeric or
// pfbid id, a Vimeo id; "channel/123" for Telegram) and the canonical URL.
//
// It accepts the platforms' player and embed URLs too (youtube.com/embed,
// player.vimeo.com, platform.twitter.com/embed/Tweet.html?id=, Instagram
// /p/<code>/embed, Facebook plugins/post.php?href=...), since they name one
// post. It rejects profile pages, share and intent URLs, hashtags, search
// and anything that does not name a single post.
func ParseURL(raw string) (archive.PostRef, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > maxURLLen || !mayBePost(raw) {
		return archive.PostRef{}, false
	}
	if strings.HasPrefix(raw, "//") {
		raw = "https:" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return archive.PostRef{}, false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return archive.PostRef{}, false
	}
	host := normalizeHost(u.Hostname())
	if host == "" {
		return archive.PostRef{}, false
	}
	seg := segments(u.EscapedPath())
	// Old Twitter and Facebook URLs kept the path in the fragment: #!/user/status/1.
	if strings.HasPrefix(u.Fragment, "!/") {
		seg = segments(u.Fragment[1:])
	}
	for _, r := range registry {
		if !hostMatches(host, r.hosts) {
			continue
		}
		return r.parse(host, seg, u)
	}
	return parseMastodon(strings.TrimSuffix(strings.ToLower(u.Hostname()), "."), seg, u)
}

// hostHints are substrings one of which every recognised post URL holds
// (Mastodon's by its path); URLs with none are rejected without parsing.
var hostHints = []string{
	"twitter", "x.com", "fixupx", "instagr", "tiktok", "facebook", "fb.", "youtu",
	"bsky", "threads.", "reddit", "redd.it", "linkedin", "t.me", "telegram", "vimeo",
	"truthsocial", "/@", "/users/",
}

func mayBePost(raw string) bool {
	l := raw
	if len(l) > 200 {
		l = l[:200]
	}
	l = strings.ToLower(l)
	for _, h := range hostHints {
		if strings.Contains(l, h) {
			return true
		}
	}
	return false
}

func normalizeHost(h string) string {
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	for changed := true; changed; {
		changed = false
		for _, p := range hostPrefixes {
			if strings.HasPrefix(h, p) && strings.Count(h, ".") > 1 {
				h = h[len(p):]
				changed = true
			}
		}
	}
	return h
}

func hostMatches(host string, hosts []string) bool {
	for _, h := range hosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// segments splits an escaped path into its unescaped, non-empty pieces.
func segments(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s == "" {
			continue
		}
		if us, err := url.PathUnescape(s); err == nil {
			s = us
		}
		out = append(out, s)
	}
	return out
}

func isDigits(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isToken reports whether s is 1..max characters of [A-Za-z0-9_-] plus extra.
func isToken(s string, min, max int, extra string) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_':
		case strings.IndexByte(extra, c) >= 0:
		default:
			return false
		}
	}
	return true
}

func ref(p archive.Platform, id, u string) (archive.PostRef, bool) {
	return archive.PostRef{Platform: p, ID: id, URL: u}, true
}

func no() (archive.PostRef, bool) { return archive.PostRef{}, false }
