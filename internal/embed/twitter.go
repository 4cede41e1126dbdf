package embed

import (
	"net/url"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// X/Twitter: https://x.com/<user>/status/<id>, twitter.com and its mobile
// hosts, /i/web/status/<id>, the old #!/ form, and the rendered player
// platform.twitter.com/embed/Tweet.html?id=<id>.
var twitterRecognizer = recognizer{
	platform: archive.Twitter,
	hosts:    []string{"twitter.com", "x.com", "fxtwitter.com", "vxtwitter.com", "fixupx.com"},
	parse:    parseTwitter,
}

// twitterReserved are first path segments that are never a user name.
var twitterReserved = map[string]bool{
	"intent": true, "share": true, "search": true, "hashtag": true, "home": true,
	"explore": true, "settings": true, "messages": true, "notifications": true,
	"login": true, "signup": true, "tos": true, "privacy": true, "compose": true,
}

func parseTwitter(host string, seg []string, u *url.URL) (archive.PostRef, bool) {
	if strings.HasPrefix(host, "platform.") || strings.HasPrefix(host, "syndication.") || strings.HasPrefix(host, "cdn.syndication.") {
		// Rendered tweet players carry the id in the query.
		id := u.Query().Get("id")
		if len(seg) > 0 && seg[0] == "embed" && isDigits(id, 1, 20) {
			return twitterRef("", id)
		}
		return no()
	}
	switch {
	case len(seg) >= 4 && seg[0] == "i" && seg[1] == "web" && seg[2] == "status":
		if isDigits(seg[3], 1, 20) {
			return twitterRef("", seg[3])
		}
	case len(seg) >= 3 && seg[0] == "i" && seg[1] == "status":
		if isDigits(seg[2], 1, 20) {
			return twitterRef("", seg[2])
		}
	case len(seg) >= 3 && (seg[1] == "status" || seg[1] == "statuses"):
		user := seg[0]
		if twitterReserved[strings.ToLower(user)] || !isToken(user, 1, 50, "") {
			return no()
		}
		if isDigits(seg[2], 1, 20) {
			return twitterRef(user, seg[2])
		}
	}
	return no()
}

func twitterRef(user, id string) (archive.PostRef, bool) {
	if user == "" || user == "i" {
		return ref(archive.Twitter, id, "https://x.com/i/status/"+id)
	}
	return ref(archive.Twitter, id, "https://x.com/"+user+"/status/"+id)
}
