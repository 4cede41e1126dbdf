package embed

import (
	"net/url"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Truth Social: truthsocial.com/@<user>/<id> and /@<user>/posts/<id>
// (optionally /embed). It runs on Mastodon, so ids carry time the same way.
var truthsocialRecognizer = recognizer{
	platform: archive.TruthSocial,
	hosts:    []string{"truthsocial.com"},
	parse:    parseTruthSocial,
}

func parseTruthSocial(_ string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	if len(seg) < 2 || !strings.HasPrefix(seg[0], "@") || !isToken(seg[0][1:], 1, 60, ".") {
		return no()
	}
	id := seg[1]
	if seg[1] == "posts" && len(seg) >= 3 {
		id = seg[2]
	}
	if !isDigits(id, 5, 20) {
		return no()
	}
	return ref(archive.TruthSocial, id, "https://truthsocial.com/"+seg[0]+"/"+id)
}
