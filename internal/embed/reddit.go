package embed

import (
	"net/url"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Reddit: /r/<sub>/comments/<id>/[<slug>/[<comment>]], /comments/<id>,
// redd.it/<id>, and the players embed.reddit.com and redditmedia.com. The
// id is the post's base-36 id, or the comment's when the URL names one.
var redditRecognizer = recognizer{
	platform: archive.Reddit,
	hosts:    []string{"reddit.com", "redd.it", "redditmedia.com"},
	parse:    parseReddit,
}

func parseReddit(host string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	if host == "redd.it" {
		if len(seg) == 1 && isBase36(seg[0]) {
			return ref(archive.Reddit, seg[0], "https://www.reddit.com/comments/"+seg[0]+"/")
		}
		return no()
	}
	sub := ""
	if len(seg) >= 2 && (seg[0] == "r" || seg[0] == "u" || seg[0] == "user") {
		sub = seg[0] + "/" + seg[1]
		seg = seg[2:]
	}
	if len(seg) < 2 || seg[0] != "comments" || !isBase36(seg[1]) {
		return no()
	}
	id := seg[1]
	base := "https://www.reddit.com/"
	if sub != "" {
		base += sub + "/"
	}
	if len(seg) >= 4 && isBase36(seg[3]) {
		return ref(archive.Reddit, seg[3], base+"comments/"+id+"/"+seg[2]+"/"+seg[3]+"/")
	}
	return ref(archive.Reddit, id, base+"comments/"+id+"/")
}

func isBase36(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	return strings.Trim(s, "0123456789abcdefghijklmnopqrstuvwxyz") == ""
}
