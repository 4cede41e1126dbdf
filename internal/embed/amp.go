package embed

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// amp recognises AMP components that show one post: amp-twitter
// (data-tweetid), amp-instagram (data-shortcode), amp-youtube
// (data-videoid), amp-facebook for posts and videos (data-href; not
// comments, and amp-facebook-page/-like/-comments are other tags),
// amp-tiktok (data-src, an id or a URL), amp-vimeo (data-videoid),
// amp-reddit (data-src), amp-embedly-card (data-url) and amp-iframe.
func (s *scanner) amp(n *html.Node) bool {
	var r archive.PostRef
	var ok bool
	switch n.Data {
	case "amp-twitter":
		r, ok = twitterRef("", getAttr(n, "data-tweetid"))
		ok = ok && isDigits(r.ID, 1, 20)
	case "amp-instagram":
		code := getAttr(n, "data-shortcode")
		if isToken(code, 5, 64, "-") {
			r, ok = ParseURL("https://www.instagram.com/p/" + code + "/")
		} else {
			r, ok = ParseURL(getAttr(n, "data-href"))
		}
	case "amp-youtube":
		if id := getAttr(n, "data-videoid"); isYouTubeID(id) {
			r, ok = ParseURL("https://www.youtube.com/watch?v=" + id)
		}
	case "amp-vimeo":
		if id := getAttr(n, "data-videoid"); isDigits(id, 1, 12) {
			r, ok = ParseURL("https://vimeo.com/" + id)
		}
	case "amp-facebook":
		if as := getAttr(n, "data-embed-as"); as == "" || as == "post" || as == "video" {
			r, ok = ParseURL(getAttr(n, "data-href"))
		}
	case "amp-tiktok":
		src := getAttr(n, "data-src")
		if isDigits(src, 10, 22) {
			r, ok = tiktokRef(src)
		} else {
			r, ok = ParseURL(src)
		}
	case "amp-reddit":
		r, ok = ParseURL(getAttr(n, "data-src"))
	case "amp-embedly-card", "amp-bluesky", "amp-mastodon", "amp-threads":
		r, ok = ParseURL(firstAttr(n, "data-url", "data-src", "data-href"))
	default:
		return false
	}
	if !ok || !strings.HasPrefix(n.Data, "amp-") {
		return false
	}
	e := s.add(n, r, archive.KindEmbed, "amp")
	// amp-twitter and kin may hold the original blockquote as a placeholder.
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "blockquote" {
			fillFromBlockquote(e, c)
			// The placeholder's link names the author; keep that URL.
			if pr, ok := blockquoteRef(c, r.Platform); ok && pr.Key() == r.Key() {
				e.URL = pr.URL
			}
			break
		}
	}
	return true
}
