package embed

import (
	"net/url"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Mastodon lives on any instance, so it is recognised by path shape alone,
// after every fixed-host platform: https://<host>/@<user>/<numeric id>
// (optionally /embed) and https://<host>/users/<user>/statuses/<id>.
// Remote accounts (/@user@other.host/<id>) keep the instance they were
// seen on.
func parseMastodon(host string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	if !strings.Contains(host, ".") || strings.ContainsAny(host, ":[]") {
		return no()
	}
	if len(seg) >= 3 && seg[0] == "web" && strings.HasPrefix(seg[1], "@") {
		seg = seg[1:] // the web app's /web/@user/<id>
	}
	var user, id string
	switch {
	case len(seg) >= 2 && len(seg) <= 3 && strings.HasPrefix(seg[0], "@"):
		user, id = seg[0][1:], seg[1]
		if len(seg) == 3 && seg[2] != "embed" {
			return no()
		}
	case len(seg) >= 4 && len(seg) <= 5 && seg[0] == "users" && seg[2] == "statuses":
		user, id = seg[1], seg[3]
		if len(seg) == 5 && seg[4] != "embed" && seg[4] != "activity" {
			return no()
		}
	default:
		return no()
	}
	if !isToken(user, 1, 120, ".-@") || !isDigits(id, 1, 20) {
		return no()
	}
	return ref(archive.Mastodon, id, "https://"+host+"/@"+user+"/"+id)
}
